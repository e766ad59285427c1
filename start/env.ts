/*
|--------------------------------------------------------------------------
| Environment variables service
|--------------------------------------------------------------------------
|
| Every setting the process reads is declared and validated here, so a
| wrong value stops the boot with a message naming the variable.
| ".env.example" documents each one.
|
*/
import { Env } from '@adonisjs/core/env'
import string from '@adonisjs/core/helpers/string'

const urlOptions = { format: 'url', tld: false, protocol: false } as const

/**
 * A duration such as "25s", "500ms" or "1m" (a bare number is milliseconds), read as
 * milliseconds.
 */
function duration(key: string, value?: string): number | undefined {
  const text = value?.trim()
  if (!text) return undefined
  let milliseconds = Number.NaN
  try {
    milliseconds = /^\d+$/.test(text) ? Number(text) : string.milliseconds.parse(text)
  } catch {
    // Reported below with the variable's name.
  }
  if (!Number.isFinite(milliseconds) || milliseconds < 0) {
    throw new Error(
      `Value for environment variable "${key}" must be a duration like "25s" or "500ms", instead received "${value}"`
    )
  }
  return milliseconds
}

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string.optional(urlOptions),
  LOG_LEVEL: Env.schema.enum([
    'fatal',
    'error',
    'warn',
    'info',
    'debug',
    'trace',
    'silent',
  ] as const),

  /*
  | PostgreSQL: DATABASE_URL wins over the discrete settings when both are present.
  */
  DATABASE_URL: Env.schema.string.optional(urlOptions),
  DB_HOST: Env.schema.string.optional({ format: 'host' }),
  DB_PORT: Env.schema.number.optional(),
  DB_USER: Env.schema.string.optional(),
  DB_PASSWORD: Env.schema.secret.optional(),
  DB_DATABASE: Env.schema.string.optional(),
  DB_POOL_MAX: Env.schema.number.optional(),

  /*
  | Redis: REDIS_URL wins over the discrete settings when both are present.
  */
  REDIS_URL: Env.schema.string.optional(urlOptions),
  REDIS_HOST: Env.schema.string.optional({ format: 'host' }),
  REDIS_PORT: Env.schema.number.optional(),
  REDIS_PASSWORD: Env.schema.secret.optional(),
  REDIS_DB: Env.schema.number.optional(),

  /*
  | HTTP
  */
  BODY_LIMIT: Env.schema.string.optional(),
  CORS_ORIGINS: Env.schema.string.optional(),
  TRUST_PROXY: Env.schema.string.optional(),
  HEALTH_DISK_FAIL_PERCENT: Env.schema.number.optional(),

  /*
  | Auth: access tokens are HS256 JWTs signed with JWT_SECRET; JWT_PREVIOUS_SECRETS (comma
  | separated) still verify tokens signed before a rotation. Key ids derive from the secrets.
  */
  JWT_SECRET: Env.schema.secret(),
  JWT_PREVIOUS_SECRETS: Env.schema.secret.optional(),
  JWT_ISSUER: Env.schema.string.optional(),
  JWT_AUDIENCE: Env.schema.string.optional(),
  JWT_ACCESS_TTL: Env.schema.string.optional(),
  REFRESH_TOKEN_TTL: Env.schema.string.optional(),
  PASSWORD_RESET_URL: Env.schema.string.optional(urlOptions),
  SEED_ADMIN_EMAIL: Env.schema.string.optional({ format: 'email' }),
  SEED_ADMIN_PASSWORD: Env.schema.secret.optional(),

  /*
  | Mail (SMTP)
  */
  SMTP_HOST: Env.schema.string.optional({ format: 'host' }),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.secret.optional(),
  MAIL_FROM: Env.schema.string.optional(),

  /*
  | Graceful shutdown of the HTTP server on SIGTERM
  */
  SHUTDOWN_TIMEOUT: duration,
  SHUTDOWN_DRAIN_DELAY: duration,

  /*
  | Queues and the worker (config/queue.ts); durations are like "500ms", "5s", "2m"
  */
  QUEUE_PREFIX: Env.schema.string.optional(),
  QUEUE_MAIL_CONCURRENCY: Env.schema.number.optional(),
  QUEUE_IMPORTS_CONCURRENCY: Env.schema.number.optional(),
  QUEUE_MAINTENANCE_CONCURRENCY: Env.schema.number.optional(),
  QUEUE_ATTEMPTS: Env.schema.number.optional(),
  QUEUE_BACKOFF_DELAY: Env.schema.string.optional(),
  QUEUE_KEEP_COMPLETED: Env.schema.number.optional(),
  QUEUE_KEEP_FAILED: Env.schema.number.optional(),
  QUEUE_SHUTDOWN_TIMEOUT: Env.schema.string.optional(),

  /*
  | Caching (config/cache.ts): durations are numbers of milliseconds or strings like "10m".
  */
  CACHE_ENABLED: Env.schema.boolean.optional(),
  CACHE_PREFIX: Env.schema.string.optional(),
  CACHE_TTL: Env.schema.string.optional(),
  CACHE_GRACE: Env.schema.string.optional(),
  CACHE_DEGRADED_TTL: Env.schema.string.optional(),
  CACHE_CIRCUIT_BREAKER: Env.schema.string.optional(),
  CACHE_L1_MAX_ITEMS: Env.schema.number.optional(),
  CACHE_REDIS_TIMEOUT: Env.schema.number.optional(),
  HTTP_CACHE_MAX_AGE: Env.schema.number.optional(),
  HTTP_CACHE_STALE_WHILE_REVALIDATE: Env.schema.number.optional(),

  /*
  | Catalog imports: where uploaded files wait for the worker, and the largest upload
  */
  IMPORTS_DIR: Env.schema.string.optional(),
  IMPORT_UPLOAD_LIMIT: Env.schema.string.optional(),
})
