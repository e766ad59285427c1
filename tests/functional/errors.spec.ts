import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'

/**
 * A route that only the tests register: it parses a JSON body, so the body parser's
 * failures can be checked without depending on a route of another area.
 */
router.post('/__tests__/echo', ({ request }) => request.body())
router.get('/__tests__/crash', () => {
  throw new Error('database password is hunter2')
})

test.group('Errors as problem+json', () => {
  test('an unknown route is a 404 problem', async ({ client, assert }) => {
    const response = await client.get('/api/v1/no-such-thing')
    response.assertStatus(404)
    assert.match(response.header('content-type') ?? '', /^application\/problem\+json/)
    assert.containsSubset(response.body(), {
      type: '/problems/not-found',
      title: 'Not Found',
      status: 404,
      instance: '/api/v1/no-such-thing',
    })
    assert.isString(response.body().detail)
  })

  test('malformed JSON is a 400 problem naming the parse error', async ({ client, assert }) => {
    const response = await client
      .post('/__tests__/echo')
      .header('content-type', 'application/json')
      .json('{"title": "Lamp",')
    response.assertStatus(400)
    assert.match(response.header('content-type') ?? '', /^application\/problem\+json/)
    assert.equal(response.body().type, '/problems/bad-request')
    assert.match(response.body().detail, /not valid JSON/)
  })

  test('a body over the limit is a 413 problem', async ({ client, assert }) => {
    const response = await client
      .post('/__tests__/echo')
      .json({ description: 'x'.repeat(2 * 1024 * 1024) })
    response.assertStatus(413)
    assert.match(response.header('content-type') ?? '', /^application\/problem\+json/)
    assert.equal(response.body().type, '/problems/payload-too-large')
  })

  test('a server error hides its message from the client', async ({ client, assert }) => {
    const response = await client.get('/__tests__/crash')
    response.assertStatus(500)
    assert.equal(response.body().type, '/problems/internal-error')
    assert.notInclude(JSON.stringify(response.body()), 'hunter2')
  })

  test('a valid body passes through untouched', async ({ client }) => {
    const response = await client.post('/__tests__/echo').json({ title: 'Lamp' })
    response.assertStatus(200)
    response.assertBody({ title: 'Lamp' })
  })
})

test.group('Request ids', () => {
  test('a sane X-Request-Id from the client is echoed back', async ({ client, assert }) => {
    const response = await client.get('/health/live').header('x-request-id', 'edge-42.abc')
    assert.equal(response.header('x-request-id'), 'edge-42.abc')
  })

  test('an unsafe X-Request-Id is replaced by a generated one', async ({ client, assert }) => {
    const response = await client.get('/health/live').header('x-request-id', 'bad id\twith"quotes')
    assert.match(response.header('x-request-id') ?? '', /^[0-9a-f-]{36}$/)
  })

  test('a problem carries the request id of its answer', async ({ client, assert }) => {
    const response = await client.get('/nowhere')
    assert.equal(response.body().requestId, response.header('x-request-id'))
  })
})
