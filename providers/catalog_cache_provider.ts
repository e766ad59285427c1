import type { ApplicationService } from '@adonisjs/core/types'
import type { RedisConnection, RedisClusterConnection } from '@adonisjs/redis'
import { CatalogCache } from '#services/catalog_cache'
import { cacheHealth } from '#services/cache_health'
import { hotReads } from '#services/hot_reads'

/**
 * Binds the catalog cache (the "catalog" namespace of the default store) as a singleton, hands
 * it to HotReads (the HTTP server's cached-read shortcut), and clears it when Redis comes back
 * after an outage: invalidations made meanwhile reached only the instance that made them.
 *
 * It also routes the errors of the app's other Redis connections to the same degradation
 * report: the Redis manager would otherwise log every failed reconnect attempt of every
 * connection, while an outage deserves one line when it starts and one when it ends.
 */
export default class CatalogCacheProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton(CatalogCache, async (resolver) => {
      const manager = await resolver.make('cache.manager')
      const { catalogCacheConfig, cacheRedisTimeout, cachePrefix } = await import('#config/cache')
      await cacheHealth.connected(Math.max(cacheRedisTimeout * 4, 1_000))
      const catalogCache = new CatalogCache(manager.namespace('catalog'), cacheHealth, {
        ...catalogCacheConfig,
        generationKey: `${cachePrefix}:catalog:generation`,
      })
      cacheHealth.on('recovered', () => {
        catalogCache.clear().catch((error) => cacheHealth.markDegraded(error))
      })
      // HotReads keeps copies of responses: every invalidation, here or (through the bus) in
      // another instance, makes it ask the cache again.
      hotReads.attach(catalogCache)
      catalogCache.onChange(() => hotReads.invalidate())
      manager.on('bus:message:received', () => hotReads.invalidate())
      return catalogCache
    })
  }

  async boot() {
    const redis = await this.app.container.make('redis')
    const watch = (connection: RedisConnection | RedisClusterConnection) => {
      connection.on('error', ({ error }) => cacheHealth.markDegraded(error))
      connection.on('subscriber:error', ({ error }) => cacheHealth.markDegraded(error))
    }
    redis.doNotLogErrors()
    Object.values(redis.activeConnections).forEach(watch)
    redis.on('connection', watch)
  }

  /**
   * Runs before the cache and Redis providers' own shutdown (providers shut down in reverse
   * order): a QUIT queued for a Redis that is away would hold the shutdown until the next
   * reconnect attempt fails, so connections that cannot reach Redis are simply closed.
   */
  async shutdown() {
    // The cache provider resolves the manager and its store (creating their connections) to
    // disconnect them: resolve them here first, and close them.
    const manager = await this.app.container.make('cache.manager')
    manager.use()
    await cacheHealth.closeAll()
    const redis = await this.app.container.make('redis')
    for (const connection of Object.values(redis.activeConnections)) {
      if (connection.status !== 'ready') await connection.disconnect()
    }
  }
}
