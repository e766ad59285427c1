import env from '#start/env'
import { DbCheck } from '@adonisjs/lucid/database'
import { RedisCheck } from '@adonisjs/redis'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import { DiskSpaceCheck, HealthChecks } from '@adonisjs/core/health'
import { DrainingCheck } from '#health_checks/draining_check'
import { CacheCheck, NonCriticalCheck } from '#health_checks/cache_check'

/**
 * Readiness checks. The shutdown check fails as soon as SIGTERM starts draining. PostgreSQL
 * is critical. Redis is not: without it reads come from
 * PostgreSQL and writes still succeed, so a Redis outage is reported as a warning (the cache
 * as "degraded") and readiness stays 200, keeping the instance in rotation. The disk check
 * warns at 90% and fails only when the disk is nearly full (97% by default): developer disks
 * commonly run at 70-80%.
 */
export const healthChecks = new HealthChecks().register([
  new DrainingCheck(),
  new DbCheck(db.connection()),
  new NonCriticalCheck(new RedisCheck(redis.connection())),
  new CacheCheck(),
  new DiskSpaceCheck()
    .warnWhenExceeds(90)
    .failWhenExceeds(env.get('HEALTH_DISK_FAIL_PERCENT', 97))
    .cacheFor('1 minute'),
])
