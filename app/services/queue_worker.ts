import { UnrecoverableError, WaitingError, Worker, type Job as BullJob } from 'bullmq'
import type { ContainerResolver } from '@adonisjs/core/container'
import type { Logger } from '@adonisjs/core/logger'
import type { ContainerBindings } from '@adonisjs/core/types'
import type { QueueManager, QueueName } from '#services/queue_manager'
import type { JobClass } from '#jobs/base_job'

export interface QueueWorkerOptions {
  queues: readonly QueueName[]
  /** Overrides the configured concurrency of every queue. */
  concurrency?: number
}

export interface StopReport {
  /** Jobs that ended (completed or failed) while the worker was stopping. */
  finished: number
  /** Jobs put back at the head of their queue because the timeout passed. */
  handedBack: number
  /** The workers could not close in time (Redis unreachable) and were disconnected. */
  forced: boolean
}

const HANDED_BACK = Symbol('handed back')

/**
 * Time beyond the shutdown timeout for handing jobs back and closing the connections.
 */
const CLOSE_GRACE_MS = 5_000

/**
 * BullMQ workers for some queues, run by `queue:work` (and by tests). Each job is resolved to
 * its class by name, built through the container and handed its payload.
 *
 * `stop` stops taking jobs, lets the jobs in hand finish within a timeout and hands the rest
 * back to the head of their queue, so a deploy or scale-down loses nothing.
 */
export class QueueWorker {
  #workers: Worker[] = []
  /** Jobs running now, by id, each with the function that hands it back to its queue. */
  #inHand = new Map<string, () => void>()
  #jobs = new Map<string, JobClass>()
  #stopping?: Promise<StopReport>
  #finishedWhileStopping = 0

  constructor(
    private manager: QueueManager,
    private resolver: ContainerResolver<ContainerBindings>,
    private logger: Logger,
    private options: QueueWorkerOptions
  ) {}

  get inHand(): number {
    return this.#inHand.size
  }

  async start() {
    this.#jobs = await this.manager.jobs()

    for (const name of this.options.queues) {
      const worker = new Worker(name, (job, token) => this.#process(name, job, token), {
        prefix: this.manager.config.prefix,
        connection: this.manager.workerConnection(),
        concurrency: this.options.concurrency ?? this.manager.config.concurrency[name],
        autorun: false,
      })
      worker.on('failed', (job, error) => {
        if (!job) return
        const final =
          error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1)
        this.logger[final ? 'error' : 'warn'](
          { queue: name, jobId: job.id, job: job.name, attempt: job.attemptsMade, err: error },
          final ? 'job failed for good' : 'job failed; it will be retried'
        )
      })
      worker.on('completed', (job) => {
        this.logger.info({ queue: name, jobId: job.id, job: job.name }, 'job completed')
      })
      worker.on('error', (error) => this.logger.error({ queue: name, err: error }, 'worker error'))
      this.#workers.push(worker)
    }

    for (const worker of this.#workers) {
      void worker.run()
    }
    await Promise.all(this.#workers.map((worker) => worker.waitUntilReady()))
  }

  async #process(queue: QueueName, bullJob: BullJob, token: string | undefined) {
    const Job = this.#jobs.get(bullJob.name)
    if (!Job) {
      throw new UnrecoverableError(`No job class is named "${bullJob.name}"`)
    }

    const abort = new AbortController()
    let handBack!: () => void
    const handedBack = new Promise<typeof HANDED_BACK>((resolve) => {
      handBack = () => resolve(HANDED_BACK)
    })
    this.#inHand.set(bullJob.id!, handBack)

    try {
      const instance = await this.resolver.make(Job)
      const running = instance.handle(bullJob.data, {
        id: bullJob.id!,
        queue,
        attempt: bullJob.attemptsMade + 1,
        maxAttempts: bullJob.opts.attempts ?? 1,
        signal: abort.signal,
        bullJob,
      })
      // Once handed back, the job's own outcome no longer matters.
      running.catch(() => {})

      const outcome = await Promise.race([running, handedBack])
      if (outcome === HANDED_BACK) {
        abort.abort(new Error('The worker is stopping; the job went back to its queue'))
        await bullJob.moveToWait(token)
        throw new WaitingError()
      }
      if (this.#stopping) this.#finishedWhileStopping++
      return outcome
    } catch (error) {
      if (this.#stopping && !(error instanceof WaitingError)) this.#finishedWhileStopping++
      throw error
    } finally {
      this.#inHand.delete(bullJob.id!)
    }
  }

  /**
   * Stops taking jobs, waits up to `timeout` ms for the jobs in hand, hands back the rest and
   * closes the connections. When Redis cannot be reached, nothing can be handed back: after a
   * further grace period the connections are dropped and the report says `forced`, so a stop
   * never hangs. Calling it again returns the same stop.
   */
  stop(timeout = this.manager.config.shutdownTimeout): Promise<StopReport> {
    this.#stopping ??= (async () => {
      let handedBack = 0
      const handBack = setTimeout(() => {
        handedBack = this.#inHand.size
        for (const handBackJob of this.#inHand.values()) handBackJob()
      }, timeout)
      let giveUp: NodeJS.Timeout | undefined
      const closed = Promise.all(this.#workers.map((worker) => worker.close())).then(() => false)
      const gaveUp = new Promise<boolean>((resolve) => {
        giveUp = setTimeout(() => resolve(true), timeout + CLOSE_GRACE_MS)
      })
      const forced = await Promise.race([closed, gaveUp])
      clearTimeout(handBack)
      clearTimeout(giveUp)
      if (forced) {
        // Not awaited: a disconnect from an unreachable server has nothing to wait for.
        for (const worker of this.#workers) worker.disconnect().catch(() => {})
      }
      return { finished: this.#finishedWhileStopping, handedBack, forced }
    })()
    return this.#stopping
  }
}
