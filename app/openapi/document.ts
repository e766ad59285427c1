/**
 * A small builder for the OpenAPI 3.1 document. Each area of the API registers its
 * operations in its own file under app/openapi/paths, so adding a route means adding an
 * operation next to its siblings; request schemas are derived from the VineJS validators.
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head'

export type JsonSchema = Record<string, unknown>

export interface Operation {
  operationId: string
  summary: string
  description?: string
  tags?: string[]
  security?: Record<string, string[]>[]
  parameters?: Record<string, unknown>[]
  requestBody?: Record<string, unknown>
  responses: Record<string, unknown>
}

export interface OpenApiDocument {
  openapi: '3.1.0'
  info: Record<string, unknown>
  servers: Record<string, unknown>[]
  tags: Record<string, unknown>[]
  paths: Record<string, Partial<Record<HttpMethod, Operation>>>
  components: {
    schemas: Record<string, JsonSchema>
    responses: Record<string, unknown>
    parameters: Record<string, unknown>
    securitySchemes: Record<string, unknown>
  }
}

export class OpenApiBuilder {
  readonly document: OpenApiDocument

  constructor(info: Record<string, unknown>) {
    this.document = {
      openapi: '3.1.0',
      info,
      servers: [{ url: '/' }],
      tags: [],
      paths: {},
      components: { schemas: {}, responses: {}, parameters: {}, securitySchemes: {} },
    }
  }

  tag(name: string, description: string) {
    this.document.tags.push({ name, description })
    return this
  }

  schema(name: string, schema: JsonSchema) {
    this.document.components.schemas[name] = schema
    return this
  }

  response(name: string, response: Record<string, unknown>) {
    this.document.components.responses[name] = response
    return this
  }

  parameter(name: string, parameter: Record<string, unknown>) {
    this.document.components.parameters[name] = parameter
    return this
  }

  securityScheme(name: string, scheme: Record<string, unknown>) {
    this.document.components.securitySchemes[name] = scheme
    return this
  }

  /**
   * Registers an operation. Paths use the router's syntax (`/products/:id`) and are stored
   * in OpenAPI's (`/products/{id}`), so route files and the document read alike.
   */
  operation(method: HttpMethod, routePattern: string, operation: Operation) {
    const path = toOpenApiPath(routePattern)
    this.document.paths[path] ??= {}
    if (this.document.paths[path][method]) {
      throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} is registered twice`)
    }
    this.document.paths[path][method] = operation
    return this
  }
}

export function toOpenApiPath(routePattern: string) {
  return routePattern.replace(/:([A-Za-z0-9_]+)\??/g, '{$1}')
}

/**
 * JSON Schema of what a VineJS validator accepts, for request bodies and query strings.
 * VineJS emits draft-07; the `$schema` marker is dropped because OpenAPI 3.1 documents
 * default to JSON Schema 2020-12, which accepts what VineJS produces.
 */
export function schemaOf(validator: { toJSONSchema(): object }): JsonSchema {
  const schema = { ...(validator.toJSONSchema() as JsonSchema) }
  delete schema.$schema
  return schema
}

export function jsonBody(schema: JsonSchema, description?: string) {
  return {
    required: true,
    ...(description ? { description } : {}),
    content: { 'application/json': { schema } },
  }
}

export function jsonResponse(description: string, schema: JsonSchema, headers?: object) {
  return {
    description,
    ...(headers ? { headers } : {}),
    content: { 'application/json': { schema } },
  }
}

export function ref(kind: 'schemas' | 'responses' | 'parameters', name: string) {
  return { $ref: `#/components/${kind}/${name}` }
}
