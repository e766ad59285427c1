import { EventEmitter } from 'node:events'
import logger from '@adonisjs/core/services/logger'
import type { Redis } from 'ioredis'

export type CacheHealthState = 'ok' | 'degraded'

/**
 * Tracks whether the shared cache (Redis: L2 and bus) is reachable. Connection errors
 * repeat on every reconnect attempt; this turns them into one "degraded" log line per
 * outage and one "recovered" line when Redis answers again.
 */
export class CacheHealth extends EventEmitter<{ degraded: [Error]; recovered: [] }> {
  #state: CacheHealthState = 'ok'
  #since: Date | null = null
  #lastError: Error | null = null
  #primary: Redis | null = null
  #probe: NodeJS.Timeout | null = null
  #connections = new Set<Redis>()

  /**
   * Watches one of the cache's Redis connections: its errors mean degraded, its readiness
   * recovered.
   */
  watch(connection: Redis): Redis {
    this.#connections.add(connection)
    connection.on('error', (error) => this.markDegraded(error))
    connection.on('ready', () => this.markRecovered())
    connection.on('end', () => this.#connections.delete(connection))
    return connection
  }

  /**
   * Closes every cache connection at once. A cache has nothing to flush, and a QUIT sent to a
   * Redis that is away (or still connecting) would hold the shutdown.
   */
  async closeAll() {
    if (this.#probe) clearInterval(this.#probe)
    await Promise.all(
      [...this.#connections].map(async (connection) => {
        // A connection still opening its socket would open it after a disconnect() now.
        if (connection.status === 'connecting' || connection.status === 'connect') {
          await settle(connection, 500)
        }
        connection.disconnect()
      })
    )
  }

  /**
   * The connection the L2 layer uses: pinged while degraded, so a recovery is noticed even
   * when the connection itself never dropped (a Redis that was only too slow).
   */
  setPrimary(connection: Redis) {
    this.#primary ??= connection
  }

  get primary(): Redis | null {
    return this.#primary
  }

  /**
   * Resolves once the L2 connection is ready, it fails, or `timeoutMs` passes.
   */
  async connected(timeoutMs: number): Promise<void> {
    if (this.#primary && this.#primary.status !== 'ready') await settle(this.#primary, timeoutMs)
  }

  /**
   * One round trip to Redis within the cache's command timeout: false (and degraded) when it
   * fails, true (and recovered) when it answers.
   */
  async ping(): Promise<boolean> {
    if (!this.#primary) return false
    try {
      await this.#primary.ping()
      this.markRecovered()
      return true
    } catch (error) {
      this.markDegraded(error as Error)
      return false
    }
  }

  get state(): CacheHealthState {
    return this.#state
  }

  get since(): Date | null {
    return this.#since
  }

  get lastError(): Error | null {
    return this.#lastError
  }

  markDegraded(error: Error) {
    this.#lastError = error
    if (this.#state === 'degraded') return
    this.#state = 'degraded'
    this.#since = new Date()
    logger.warn(
      { err: error },
      'cache degraded: Redis unreachable, serving from PostgreSQL and the in-memory layer'
    )
    this.emit('degraded', error)
    this.#probe = setInterval(async () => {
      if (this.#primary?.status === 'ready') await this.ping()
    }, 1_000).unref()
  }

  markRecovered() {
    if (this.#state === 'ok') return
    this.#state = 'ok'
    this.#since = null
    this.#lastError = null
    if (this.#probe) clearInterval(this.#probe)
    this.#probe = null
    logger.info('cache recovered: Redis reachable again')
    this.emit('recovered')
  }
}

/**
 * One per process: every cache connection reports here.
 */
export const cacheHealth = new CacheHealth()

/**
 * Resolves once `connection` is ready, fails, or `timeoutMs` passes.
 */
function settle(connection: Redis, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer)
      connection.off('ready', done)
      connection.off('error', done)
      resolve()
    }
    const timer = setTimeout(done, timeoutMs)
    connection.once('ready', done)
    connection.once('error', done)
  })
}
