import type { Server, ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from '@adonisjs/core/logger'

export interface ShutdownOptions {
  /** Milliseconds the whole shutdown may take; past it the process exits with 1. */
  timeout: number
  /** Milliseconds during which readiness fails while connections are still accepted. */
  drainDelay: number
}

interface Terminable {
  terminate(): Promise<void>
}

/**
 * Drains the API process on SIGTERM. Readiness fails at once (so load balancers stop sending
 * traffic), the listener closes after the drain delay, requests in flight finish, and
 * `app.terminate()` closes the HTTP server, then PostgreSQL and Redis (provider shutdown).
 * The process then exits by itself with 0 once nothing is left open; the unref'd timer exits
 * with 1 only when something is still running at the deadline.
 */
export class GracefulShutdown {
  #draining = false
  #inFlight = new Set<ServerResponse>()

  get isDraining() {
    return this.#draining
  }

  get inFlight() {
    return this.#inFlight.size
  }

  /**
   * Follows the responses of the Node HTTP server, so that once draining starts each
   * response tells its client to close the connection instead of reusing it: Node's
   * `server.close()` otherwise keeps serving busy keep-alive connections.
   */
  track<T extends Server>(server: T): T {
    server.prependListener('request', (_request, response: ServerResponse) => {
      this.#inFlight.add(response)
      if (this.#draining) this.#closeConnectionAfter(response)
      response.once('close', () => {
        this.#inFlight.delete(response)
        /*
        | Once the listener is closed, a keep-alive connection whose response went out before
        | draining began would otherwise idle until keepAliveTimeout and delay the exit.
        */
        if (this.#draining && !server.listening) {
          setImmediate(() => server.closeIdleConnections())
        }
      })
    })
    return server
  }

  async shutdown(app: Terminable, options: ShutdownOptions, logger: Logger, signal: string) {
    if (this.#draining) {
      logger.warn({ signal, inFlight: this.inFlight }, 'second shutdown signal: exiting now')
      process.exit(1)
    }
    this.#draining = true

    setTimeout(() => {
      logger.error(
        { inFlight: this.inFlight, timeoutMs: options.timeout },
        'graceful shutdown timed out: exiting with requests or connections still open'
      )
      process.exit(1)
    }, options.timeout).unref()

    logger.info(
      { signal, inFlight: this.inFlight, drainDelayMs: options.drainDelay },
      'draining: readiness fails from now on'
    )
    /*
    | Idle keep-alive connections are left open during the drain delay: closing them under a
    | client that is reusing one makes its request fail. Each next response closes them.
    */
    for (const response of this.#inFlight) this.#closeConnectionAfter(response)

    if (options.drainDelay > 0) await sleep(options.drainDelay)
    try {
      await app.terminate()
      logger.info('shutdown complete: HTTP server, PostgreSQL and Redis closed')
    } catch (error) {
      process.exitCode = 1
      logger.error({ err: error }, 'shutdown failed while closing the HTTP server or connections')
    }
  }

  #closeConnectionAfter(response: ServerResponse) {
    if (!response.headersSent) response.setHeader('connection', 'close')
  }
}

/**
 * The process's one coordinator: bin/server.ts drives it, readiness reads it.
 */
export const gracefulShutdown = new GracefulShutdown()
