import { OpenApiBuilder, type OpenApiDocument } from '#openapi/document'
import { registerComponents } from '#openapi/components'
import { registerHealthPaths } from '#openapi/paths/health'
import { registerAuthPaths } from '#openapi/paths/auth'
import { registerUsersPaths } from '#openapi/paths/users'
import { registerCatalogPaths } from '#openapi/paths/catalog'
import { registerCatalogWritePaths } from '#openapi/paths/catalog_writes'
import { registerImportsPaths } from '#openapi/paths/imports'

/**
 * The one OpenAPI document of the API. Every area adds its operations through a
 * `register…Paths` function listed here.
 */
export function buildOpenApiDocument(): OpenApiDocument {
  const builder = new OpenApiBuilder({
    title: 'Nexus Catalog API',
    version: '1.0.0',
    description:
      'Headless product-catalog service. Errors are application/problem+json (RFC 9457); ' +
      'every response carries X-Request-Id.',
  })

  registerComponents(builder)
  registerHealthPaths(builder)
  registerAuthPaths(builder)
  registerUsersPaths(builder)
  registerCatalogPaths(builder)
  registerCatalogWritePaths(builder)
  registerImportsPaths(builder)

  return builder.document
}

let cached: { document: OpenApiDocument; json: string } | undefined

/**
 * The document is built once per process and served as the same bytes afterwards.
 */
export function openApiDocument() {
  cached ??= (() => {
    const document = buildOpenApiDocument()
    return { document, json: JSON.stringify(document) }
  })()
  return cached
}
