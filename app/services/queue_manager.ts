import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq'
import type { JobClass, JobLoader, JobOptions } from '#jobs/base_job'

export const QUEUE_NAMES = ['mail', 'imports', 'maintenance'] as const
export type QueueName = (typeof QUEUE_NAMES)[number]

export interface QueueConfig {
  /** Redis key prefix of every queue; it carries the environment so environments never mix. */
  prefix: string
  /** Redis settings shared with the rest of the app (config/redis.ts). */
  connection: ConnectionOptions & Record<string, unknown>
  /** Jobs a worker of each queue runs at the same time. */
  concurrency: Record<QueueName, number>
  /** Defaults for every job: attempts, exponential backoff and bounded history. */
  defaultJobOptions: JobsOptions
  /** How long a stopping worker lets its jobs in hand finish before handing them back. */
  shutdownTimeout: number
  /** Every job class a worker can run. */
  jobs: JobLoader[]
}

export function defineQueueConfig(config: QueueConfig): QueueConfig {
  return config
}

export function isQueueName(name: string): name is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(name)
}

/**
 * How long a producer waits for Redis before giving up: a request or a command answers
 * "unavailable" instead of hanging while Redis is away.
 */
const READY_TIMEOUT_MS = 3_000

export class QueueUnavailableError extends Error {
  constructor(name: QueueName) {
    super(`The ${name} queue is unavailable: Redis cannot be reached`)
  }
}

export interface DispatchOptions extends JobOptions {
  /** Deduplicates: a job with the id of an existing job is not added again. */
  jobId?: string
}

/**
 * The producer side of the queues: it adds jobs and answers questions about queue state.
 * It never starts a worker (that is `QueueWorker`, used only by `queue:work`), so the API
 * and every other command can use it freely. Queues and their Redis connections are
 * created on first use.
 */
export class QueueManager {
  #queues = new Map<QueueName, Queue>()
  #jobs?: Promise<Map<string, JobClass>>

  constructor(readonly config: QueueConfig) {}

  get names(): readonly QueueName[] {
    return QUEUE_NAMES
  }

  /**
   * The BullMQ queue for producing and inspecting jobs. Commands fail fast when Redis is
   * away rather than waiting for it.
   */
  queue(name: QueueName): Queue {
    let queue = this.#queues.get(name)
    if (!queue) {
      queue = new Queue(name, {
        prefix: this.config.prefix,
        connection: { ...this.config.connection, maxRetriesPerRequest: 1 },
        defaultJobOptions: this.config.defaultJobOptions,
      })
      // Connection errors surface as QueueUnavailableError from open(); the retries that
      // follow would only repeat them.
      queue.on('error', () => {})
      this.#queues.set(name, queue)
    }
    return queue
  }

  /**
   * The queue once its Redis connection is up, or a QueueUnavailableError after a few
   * seconds; the connection keeps retrying in the background, so a later call succeeds once
   * Redis is back.
   */
  async open(name: QueueName): Promise<Queue> {
    const queue = this.queue(name)
    let timer: NodeJS.Timeout | undefined
    try {
      await Promise.race([
        queue.waitUntilReady(),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new QueueUnavailableError(name)), READY_TIMEOUT_MS)
        }),
      ])
    } finally {
      clearTimeout(timer)
    }
    return queue
  }

  /**
   * Connection settings for a worker: BullMQ's blocking commands need unlimited retries.
   */
  workerConnection(): ConnectionOptions {
    return { ...this.config.connection, maxRetriesPerRequest: null }
  }

  /**
   * Adds a job to its class's queue; the worker runs it.
   */
  async dispatch<Payload>(job: JobClass<Payload>, payload: Payload, options: DispatchOptions = {}) {
    if (!job.jobName) {
      throw new Error(`${job.name} has no static jobName`)
    }
    const queue = await this.open(job.queue)
    const added = await queue.add(job.jobName, payload, {
      ...job.options,
      ...options,
    })
    return { id: added.id!, queue: job.queue }
  }

  /**
   * Every job class of config/queue.ts, by job name, imported once.
   */
  jobs(): Promise<Map<string, JobClass>> {
    this.#jobs ??= (async () => {
      const classes = new Map<string, JobClass>()
      for (const load of this.config.jobs) {
        const { default: job } = await load()
        if (classes.has(job.jobName)) {
          throw new Error(`Two job classes are named "${job.jobName}"`)
        }
        classes.set(job.jobName, job)
      }
      return classes
    })()
    return this.#jobs
  }

  /**
   * Closes the producer connections opened so far; one that cannot close (Redis away) is
   * dropped after a moment.
   */
  async close() {
    const queues = [...this.#queues.values()]
    this.#queues.clear()
    await Promise.all(
      queues.map(async (queue) => {
        let timer: NodeJS.Timeout | undefined
        const closed = queue.close().then(() => true)
        const timedOut = new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), 2_000)
        })
        const closedInTime = await Promise.race([closed, timedOut])
        clearTimeout(timer)
        if (!closedInTime) await queue.disconnect().catch(() => {})
      })
    )
  }
}
