import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/redis'
import type { InferConnections } from '@adonisjs/redis/types'

/**
 * Connection settings shared by every Redis client of the app (commands, cache, queues).
 * REDIS_URL (what hosting platforms hand out) wins over the discrete REDIS_* settings.
 * Tests ignore it, so the suite only ever touches its own REDIS_DB index.
 */
function connectionSettings() {
  const url = app.inTest ? undefined : env.get('REDIS_URL')
  if (url) {
    const parsed = new URL(url)
    return {
      host: parsed.hostname,
      port: Number(parsed.port || 6379),
      username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
      password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
      db: Number(parsed.pathname.slice(1) || env.get('REDIS_DB', 0)),
      tls: parsed.protocol === 'rediss:' ? {} : undefined,
    }
  }
  return {
    host: env.get('REDIS_HOST', '127.0.0.1'),
    port: env.get('REDIS_PORT', 6379),
    password: env.get('REDIS_PASSWORD')?.release(),
    db: env.get('REDIS_DB', 0),
  }
}

export const redisConnection = connectionSettings()

const redisConfig = defineConfig({
  connection: 'main',
  connections: {
    main: {
      ...redisConnection,
      keyPrefix: '',
      connectTimeout: 2_000,
      /*
      | Fail a command quickly while Redis is away instead of queueing it for long, and keep
      | reconnecting (capped backoff) so the app recovers by itself when Redis returns.
      */
      maxRetriesPerRequest: 1,
      retryStrategy: (times: number) => Math.min(times * 200, 2_000),
    },
  },
})

export default redisConfig

declare module '@adonisjs/redis/types' {
  export interface RedisConnections extends InferConnections<typeof redisConfig> {}
}
