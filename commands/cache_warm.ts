import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import lock from '@adonisjs/lock/services/main'
import { cachePrefix } from '#config/cache'
import { CacheWarmTargets } from '#services/cache_warm_targets'
import { warmAll } from '#services/cache_warmer'

const LOCK_TTL_MS = 60_000

/**
 * Warms the catalog cache for cron. A Redis lock keeps overlapping runs from piling up: a run
 * that finds it taken says so and exits 0. Prints nothing but errors unless asked (--verbose,
 * --json). Exit code: 0 all warmed (or another run holds the lock), 1 a target or Redis
 * failed, 2 bad flags.
 */
export default class CacheWarm extends BaseCommand {
  static commandName = 'cache:warm'
  static description = 'Warm the catalog cache (for cron; overlapping runs skip)'

  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Listing pages per category and sort (1-50)', default: 3 })
  declare pages: number

  @flags.number({ description: 'Category levels (1 = top-level only, up to 5)', default: 2 })
  declare depth: number

  @flags.number({ description: 'Most recently updated product pages (0-10000)', default: 100 })
  declare products: number

  @flags.number({ description: 'Targets warmed at the same time (1-32)', default: 4 })
  declare concurrency: number

  @flags.boolean({ description: 'Print one JSON report on stdout' })
  declare json: boolean

  @flags.boolean({ description: 'Print each target and a summary' })
  declare verbose: boolean

  #usageError(): string | null {
    const within = (value: number, min: number, max: number) =>
      Number.isInteger(value) && value >= min && value <= max
    if (!within(this.pages, 1, 50)) return '--pages must be an integer from 1 to 50'
    if (!within(this.depth, 1, 5)) return '--depth must be an integer from 1 to 5'
    if (!within(this.products, 0, 10_000)) return '--products must be an integer from 0 to 10000'
    if (!within(this.concurrency, 1, 32)) return '--concurrency must be an integer from 1 to 32'
    return null
  }

  async run() {
    const usageError = this.#usageError()
    if (usageError) {
      this.logger.error(usageError)
      this.exitCode = 2
      return
    }

    const warmLock = lock.createLock(`${cachePrefix}:lock:cache-warm`, LOCK_TTL_MS)
    let acquired: boolean
    try {
      acquired = await warmLock.acquireImmediately()
    } catch (error) {
      this.logger.error(`Cannot reach Redis for the warm-up lock: ${(error as Error).message}`)
      this.exitCode = 1
      return
    }
    if (!acquired) {
      const message = 'A cache warm-up is already running; this run does nothing.'
      this.logger.log(this.json ? JSON.stringify({ status: 'skipped', reason: message }) : message)
      return
    }

    // A long warm-up keeps its lock; a crashed one loses it within LOCK_TTL_MS.
    const keepAlive = setInterval(
      () => warmLock.extend(LOCK_TTL_MS).catch(() => {}),
      LOCK_TTL_MS / 3
    )
    try {
      const provider = await this.app.container.make(CacheWarmTargets)
      const targets = await provider.list({
        pages: this.pages,
        depth: this.depth,
        products: this.products,
      })
      const report = await warmAll(targets, this.concurrency, (target, error, durationMs) => {
        if (error) this.logger.error(`${target.name}: ${error.message}`)
        else if (this.verbose)
          this.logger.log(`warmed ${target.name} in ${Math.round(durationMs)} ms`)
      })
      if (this.json) {
        this.logger.log(JSON.stringify(report))
      } else if (this.verbose) {
        this.logger.log(
          `${report.warmed} of ${report.targets} targets warmed, ${report.failed} failed, in ${report.durationMs} ms`
        )
      }
      if (report.status !== 'ok') this.exitCode = 1
    } finally {
      clearInterval(keepAlive)
      await warmLock.release().catch(() => {})
    }
  }
}
