import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'

let waiting = 0

/**
 * Routed only when NODE_ENV=test (start/routes.ts), for tests that run the API as a process
 * of its own and need requests held in flight, e.g. across a graceful shutdown.
 */
export default class TestSupportController {
  /**
   * Holds the request on PostgreSQL for `ms` milliseconds (10 s at most), then uses Redis,
   * so it only succeeds if both are still open when it ends.
   */
  async slow({ request, response }: HttpContext) {
    const ms = Math.min(Math.max(Number(request.input('ms', 1000)) || 0, 0), 10_000)
    waiting++
    try {
      await db.rawQuery('select pg_sleep(?)', [ms / 1000])
      await redis.ping()
    } finally {
      waiting--
    }
    return response.ok({ slept: ms })
  }

  /**
   * How many slow requests are being held right now.
   */
  waiting({ response }: HttpContext) {
    return response.ok({ waiting })
  }

  /**
   * What the request says about its client once proxy trust (TRUST_PROXY) is applied.
   */
  client({ request, response }: HttpContext) {
    return response.ok({
      ip: request.ip(),
      ips: request.ips(),
      protocol: request.protocol(),
      hostname: request.hostname(),
    })
  }
}
