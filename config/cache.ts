import env from '#start/env'
import { redisConnection } from '#config/redis'
import { cacheHealth } from '#services/cache_health'
import { configProvider } from '@adonisjs/core'
import { defineConfig, store, drivers } from '@adonisjs/cache'
import type { InferStores } from '@adonisjs/cache/types'
import { Redis, type RedisOptions } from 'ioredis'

/**
 * Every key (Redis L2, lock) and every bus message carries this prefix: the environment and
 * the Redis index keep the test suites and the environments sharing one Redis apart. Pub/sub
 * ignores the index, so the prefix is what keeps their buses from touching each other's L1.
 */
export const cachePrefix =
  env.get('CACHE_PREFIX') ?? `nexus:${env.get('NODE_ENV')}:${redisConnection.db}`

/**
 * How long a cache command may wait for Redis before the read goes on without it.
 */
export const cacheRedisTimeout = env.get('CACHE_REDIS_TIMEOUT', 250)
const redisTimeout = cacheRedisTimeout

/**
 * The cache's own Redis clients, outside the app's Redis manager: errors routed to one
 * degradation log line instead of one line per reconnect attempt. The L2 connection has a
 * short command timeout (a slow Redis) and no offline queue (an absent Redis fails a command
 * at once instead of holding it until a reconnect attempt); the catalog cache waits for its
 * first connection before its first use.
 */
function cacheRedisOptions(): RedisOptions {
  return {
    ...redisConnection,
    keyPrefix: '',
    connectTimeout: Math.max(redisTimeout * 4, 1_000),
    maxRetriesPerRequest: 1,
    retryStrategy: (times: number) => Math.min(times * 200, 2_000),
  }
}

const redisL2 = configProvider.create(async () => {
  const { redisDriver } = await import('bentocache/drivers/redis')
  const connection = cacheHealth.watch(
    new Redis({
      ...cacheRedisOptions(),
      connectionName: 'nexus-cache-l2',
      commandTimeout: redisTimeout,
      enableOfflineQueue: false,
    })
  )
  cacheHealth.setPrimary(connection)
  return redisDriver({ connection })
})

/**
 * The bus duplicates the connection it is given, first for its publisher, then for its
 * subscriber, and attaches no error listener to the copies; the template below never connects
 * itself and hands out watched copies. The publisher fails fast like the L2 connection. The
 * subscriber keeps its SUBSCRIBE queued while Redis is away (a failed one would be an
 * unhandled rejection in the bus), and ioredis re-subscribes when it reconnects.
 */
const redisBus = configProvider.create(async () => {
  const { redisBusDriver } = await import('bentocache/drivers/redis')
  const template = new Redis({ ...cacheRedisOptions(), lazyConnect: true })
  let copies = 0
  template.duplicate = (override) => {
    const role: RedisOptions =
      copies++ === 0
        ? {
            connectionName: 'nexus-cache-bus-pub',
            commandTimeout: redisTimeout,
            enableOfflineQueue: false,
          }
        : { connectionName: 'nexus-cache-bus-sub', maxRetriesPerRequest: null }
    return cacheHealth.watch(
      new Redis({ ...cacheRedisOptions(), ...override, ...role, lazyConnect: false })
    )
  }
  return redisBusDriver({ connection: template, retryQueue: { enabled: true, maxSize: 1_000 } })
})

const cacheConfig = defineConfig({
  default: 'default',
  prefix: cachePrefix,

  /*
  | Entries are invalidated exactly, by tag, after each write; the TTL only bounds memory use
  | and how long an entry created while Redis was away can live in one instance's L1.
  */
  ttl: env.get('CACHE_TTL', '1h'),

  /*
  | Grace: an expired or invalidated entry is kept, and served only when rebuilding it fails
  | (the database is failing). "timeout: null" in the catalog cache turns off Bentocache's
  | stale-while-revalidate, which would otherwise serve the invalidated entry once.
  */
  grace: env.get('CACHE_GRACE', '6h'),
  graceBackoff: '5s',

  /*
  | After one failed Redis command, skip L2 for a while instead of paying the timeout again.
  */
  l2CircuitBreakerDuration: env.get('CACHE_CIRCUIT_BREAKER', '5s'),
  suppressL2Errors: true,

  stores: {
    default: store()
      /*
      | L1 keeps entries serialized. Bentocache 1.6 cannot keep objects there with an L2: an
      | entry read from Redis is put into L1 as text, and the next L1 read of it throws; its
      | namespaces (the catalog cache is one) serialize L1 whatever the store says anyway. A
      | hit parses the entry (the body stays one string in it) and serializes nothing.
      */
      .useL1Layer(drivers.memory({ maxItems: env.get('CACHE_L1_MAX_ITEMS', 10_000) }))
      .useL2Layer(redisL2)
      .useBus(redisBus),
  },
})

export default cacheConfig

/**
 * HTTP caching of anonymous catalog reads.
 */
export const httpCacheConfig = {
  maxAge: env.get('HTTP_CACHE_MAX_AGE', 60),
  staleWhileRevalidate: env.get('HTTP_CACHE_STALE_WHILE_REVALIDATE', 300),
}

/**
 * CACHE_ENABLED=false answers every catalog read from the source (for the benchmark's
 * uncached figures and for debugging); ETags and HTTP caching still apply.
 */
export const catalogCacheConfig = {
  enabled: env.get('CACHE_ENABLED', true),
  /*
  | Entries built while Redis is away live this long: a write through another instance
  | cannot reach this instance's L1 until Redis returns.
  */
  degradedTtl: env.get('CACHE_DEGRADED_TTL', '10s'),
}

declare module '@adonisjs/cache/types' {
  interface CacheStores extends InferStores<typeof cacheConfig> {}
}
