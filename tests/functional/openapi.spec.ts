import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { Validator } from '@seriousme/openapi-schema-validator'
import { openApiDocument } from '#openapi/main'
import { toOpenApiPath } from '#openapi/document'
import { assertMatchesOpenApi } from '#tests/helpers/openapi'

/**
 * Every `METHOD /path` registered under /api, in OpenAPI's path syntax.
 */
function registeredApiOperations() {
  const operations = new Set<string>()
  for (const routes of Object.values(router.toJSON())) {
    for (const route of routes) {
      if (!route.pattern.startsWith('/api')) continue
      for (const method of route.methods) {
        if (method === 'HEAD') continue
        operations.add(`${method} ${toOpenApiPath(route.pattern)}`)
      }
    }
  }
  return operations
}

function documentedApiOperations() {
  const operations = new Set<string>()
  for (const [path, item] of Object.entries(openApiDocument().document.paths)) {
    if (!path.startsWith('/api')) continue
    for (const method of Object.keys(item)) operations.add(`${method.toUpperCase()} ${path}`)
  }
  return operations
}

test.group('OpenAPI document', () => {
  test('/openapi.json is a valid OpenAPI 3.1 document', async ({ client, assert }) => {
    const response = await client.get('/openapi.json')
    response.assertStatus(200)
    const result = await new Validator().validate(response.body())
    assert.deepEqual(result.errors, undefined)
    assert.isTrue(result.valid)
    assert.equal(response.body().openapi, '3.1.0')
  })

  test('every route under /api is documented', async ({ assert }) => {
    const undocumented = [...registeredApiOperations()].filter(
      (operation) => !documentedApiOperations().has(operation)
    )
    assert.deepEqual(undocumented, [], 'routes missing from the OpenAPI document')
  })

  test('every documented /api operation has a route', async ({ assert }) => {
    const registered = registeredApiOperations()
    const phantom = [...documentedApiOperations()].filter((operation) => !registered.has(operation))
    assert.deepEqual(phantom, [], 'documented operations without a route')
  })

  test('health answers match the document', async ({ client }) => {
    assertMatchesOpenApi(await client.get('/health/live'))
    assertMatchesOpenApi(await client.get('/health/ready'))
  })

  test('the response check rejects a body that breaks the document', async ({ client, assert }) => {
    const response = await client.get('/health/live')
    const body = response.body()
    body.status = 'sleeping'
    assert.throws(() => assertMatchesOpenApi(response), /does not match the document/)
  })
})

test.group('Swagger UI', () => {
  test('/docs renders Swagger UI from local assets', async ({ client, assert }) => {
    const page = await client.get('/docs')
    page.assertStatus(200)
    assert.match(page.header('content-type') ?? '', /^text\/html/)
    assert.include(page.text(), '/docs/assets/swagger-ui-bundle.js')
    assert.notMatch(page.text(), /https?:\/\//, 'no asset may come from another host')

    const bundle = await client.get('/docs/assets/swagger-ui-bundle.js')
    bundle.assertStatus(200)
    assert.include(bundle.text(), 'SwaggerUIBundle')

    const init = await client.get('/docs/init.js')
    assert.include(init.text(), "url: '/openapi.json'")
  })

  test('an unknown documentation asset is a 404 problem', async ({ client, assert }) => {
    const response = await client.get('/docs/assets/package.json')
    response.assertStatus(404)
    assert.equal(response.body().type, '/problems/not-found')
  })
})
