import env from '#start/env'
import { defineConfig } from '@adonisjs/cors'

/**
 * CORS_ORIGINS: "*" for any origin, or a comma-separated list of allowed origins.
 * Unset means no cross-origin browser access.
 */
const origins = env.get('CORS_ORIGINS', '')

export default defineConfig({
  enabled: true,
  origin:
    origins === '*'
      ? true
      : origins
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  headers: true,
  exposeHeaders: ['x-request-id', 'retry-after', 'etag', 'location', 'idempotent-replayed'],
  credentials: true,
  maxAge: 90,
})
