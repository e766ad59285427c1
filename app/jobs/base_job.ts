import type { Job as BullJob, JobsOptions } from 'bullmq'
import type { QueueName } from '#services/queue_manager'

/**
 * What a job's `handle` method knows about the run it is part of.
 */
export interface JobContext {
  /** BullMQ job id: stable across retries, so it can key idempotency records. */
  id: string
  queue: QueueName
  /** 1 on the first run, 2 on the first retry, and so on. */
  attempt: number
  maxAttempts: number
  /** Aborted when the worker hands the job back to the queue at shutdown. */
  signal: AbortSignal
  /** The underlying BullMQ job, for progress updates and job logs. */
  bullJob: BullJob
}

/**
 * Options a job class may set for all its runs; `dispatch` can override them per call.
 */
export type JobOptions = Pick<JobsOptions, 'attempts' | 'backoff' | 'priority' | 'delay'>

/**
 * A job: a typed, JSON-serialisable payload and a `handle` method that the worker runs.
 * Jobs are constructed through the container (so `@inject()` works) and must be idempotent:
 * a job may run more than once (retries, a worker lost mid-job), and running it again must
 * do no harm.
 */
export abstract class BaseJob<Payload> {
  /** Unique name stored with every queued job; it maps the job back to its class. */
  static jobName: string
  static queue: QueueName = 'maintenance'
  static options: JobOptions = {}

  abstract handle(payload: Payload, context: JobContext): Promise<unknown>
}

export interface JobClass<Payload = any> {
  new (...args: any[]): BaseJob<Payload>
  jobName: string
  queue: QueueName
  options: JobOptions
}

/**
 * Lazily imported job module, as listed in config/queue.ts.
 */
export type JobLoader = () => Promise<{ default: JobClass }>
