import { type OpenApiBuilder, jsonResponse } from '#openapi/document'

const healthReport = {
  type: 'object',
  required: ['isHealthy', 'status', 'checks'],
  properties: {
    isHealthy: { type: 'boolean' },
    status: { enum: ['ok', 'warning', 'error'] },
    finishedAt: { type: 'string' },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'status', 'message'],
        properties: {
          name: { type: 'string' },
          status: { enum: ['ok', 'warning', 'error'] },
          message: { type: 'string' },
          isCached: { type: 'boolean' },
          finishedAt: { type: 'string' },
          meta: { type: 'object' },
        },
      },
    },
  },
}

export function registerHealthPaths(builder: OpenApiBuilder) {
  builder
    .tag('Health', 'Liveness and readiness probes for orchestrators and load balancers.')
    .operation('get', '/health/live', {
      operationId: 'healthLive',
      summary: 'The process is up and answering',
      tags: ['Health'],
      responses: {
        200: jsonResponse('Alive', {
          type: 'object',
          required: ['status'],
          properties: { status: { const: 'ok' } },
        }),
      },
    })
    .operation('get', '/health/ready', {
      operationId: 'healthReady',
      summary: 'PostgreSQL and Redis are reachable and the process is not shutting down',
      tags: ['Health'],
      responses: {
        200: jsonResponse('Ready to take traffic', healthReport),
        503: jsonResponse('Not ready: a check failed, or the process is draining', healthReport),
      },
    })
}
