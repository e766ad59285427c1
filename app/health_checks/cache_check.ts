import app from '@adonisjs/core/services/app'
import { BaseCheck, Result } from '@adonisjs/core/health'
import type { HealthCheckResult } from '@adonisjs/core/types/health'
import { CatalogCache } from '#services/catalog_cache'
import { cacheHealth } from '#services/cache_health'

/**
 * The catalog cache: "ok" when its Redis answers, "warning" (degraded) otherwise. Never an
 * error: without Redis the API still answers reads from PostgreSQL and takes writes, so a
 * cache outage must not take the instance out of rotation.
 */
export class CacheCheck extends BaseCheck {
  name = 'Catalog cache'

  async run(): Promise<HealthCheckResult> {
    await app.container.make(CatalogCache)
    if (await cacheHealth.ping()) return Result.ok('Two-level cache (memory and Redis) in use')
    return Result.warning(
      'Degraded: Redis unreachable; reads come from PostgreSQL and the in-memory layer'
    ).mergeMetaData({
      degradedSince: cacheHealth.since?.toISOString(),
      error: cacheHealth.lastError?.message,
    })
  }
}

/**
 * Reports another check's failure as a warning: for a dependency the API can run without.
 */
export class NonCriticalCheck extends BaseCheck {
  constructor(protected check: BaseCheck) {
    super()
  }

  get name() {
    return this.check.name
  }

  async run(): Promise<HealthCheckResult> {
    const result = await this.check.run()
    if (result.status !== 'error') return result
    return Result.warning(
      `${result.message} (not critical: the API runs without it)`
    ).mergeMetaData(result.meta ?? {})
  }
}
