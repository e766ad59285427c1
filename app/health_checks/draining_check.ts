import { BaseCheck, Result } from '@adonisjs/core/health'
import type { HealthCheckResult } from '@adonisjs/core/types/health'
import { gracefulShutdown } from '#services/graceful_shutdown'

/**
 * Fails readiness as soon as the process starts draining, so load balancers stop routing
 * new traffic to it while it finishes the requests in hand.
 */
export class DrainingCheck extends BaseCheck {
  name = 'Shutdown check'

  async run(): Promise<HealthCheckResult> {
    return gracefulShutdown.isDraining
      ? Result.failed('The process is shutting down and takes no new traffic')
      : Result.ok('The process is taking traffic')
  }
}
