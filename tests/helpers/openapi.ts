import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { ApiResponse } from '@japa/api-client'
import { openApiDocument } from '#openapi/main'

const DOCUMENT_ID = 'nexus-openapi'

let ajv: Ajv2020 | undefined

/**
 * The whole OpenAPI document is registered as one schema, so a response schema is
 * compiled by JSON pointer and its `#/components/...` references resolve inside it.
 */
function validatorFor() {
  if (!ajv) {
    ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats.default(ajv)
    ajv.addSchema({ ...openApiDocument().document, $id: DOCUMENT_ID })
  }
  return ajv
}

function escapePointer(segment: string) {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1')
}

/**
 * Finds the documented path template (`/api/v1/products/{id}`) matching a concrete path.
 */
export function documentedPathFor(path: string) {
  const paths = openApiDocument().document.paths
  if (path in paths) return path
  const matching = Object.keys(paths).filter((template) => {
    const pattern = template.replace(/\{[^/]+\}/g, '[^/]+')
    return new RegExp(`^${pattern}$`).test(path)
  })
  return matching.at(0)
}

/**
 * Fails unless the response's status and body are documented for the request that produced
 * it, and the body validates against the documented schema.
 */
export function assertMatchesOpenApi(response: ApiResponse) {
  const method = response.request.request.method.toLowerCase()
  const url = new URL(response.request.request.url)
  const template = documentedPathFor(url.pathname)
  if (!template) {
    throw new Error(`OpenAPI: no documented path matches ${url.pathname}`)
  }
  const operation = openApiDocument().document.paths[template][method as 'get']
  if (!operation) {
    throw new Error(`OpenAPI: ${method.toUpperCase()} ${template} is not documented`)
  }

  const status = String(response.status())
  const responses = operation.responses as Record<string, { $ref?: string; content?: object }>
  const documented = responses[status] ?? responses.default
  if (!documented) {
    throw new Error(
      `OpenAPI: ${method.toUpperCase()} ${template} does not document status ${status}`
    )
  }
  if (status === '204' || status === '304') return

  const contentType = String(response.header('content-type') ?? '').split(';')[0]
  const base = documented.$ref
    ? `${documented.$ref.slice(1)}`
    : `/paths/${escapePointer(template)}/${method}/responses/${status in responses ? status : 'default'}`
  const schemaRef = `${DOCUMENT_ID}#${base}/content/${escapePointer(contentType)}/schema`

  const validate =
    validatorFor().getSchema(schemaRef) ?? validatorFor().compile({ $ref: schemaRef })
  if (!validate(response.body())) {
    throw new Error(
      `OpenAPI: ${method.toUpperCase()} ${url.pathname} (${status}, ${contentType}) does not match the document:\n` +
        JSON.stringify(validate.errors, null, 2)
    )
  }
}
