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

const urlOptions = { format: 'url', tld: false, protocol: false } as const

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
})
