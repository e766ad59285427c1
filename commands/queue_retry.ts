import { args, flags } from '@adonisjs/core/ace'
import type { Queue } from 'bullmq'
import { QueueCommand } from '#console/queue_command'

/**
 * A revived job gets its full number of attempts again.
 */
const FRESH_ATTEMPTS = { resetAttemptsMade: true, resetAttemptsStarted: true }

/**
 * Puts failed jobs back in their queue, with a fresh set of attempts: one by id, or all.
 */
export default class QueueRetry extends QueueCommand {
  static commandName = 'queue:retry'
  static description = 'Retry a failed job by id, or every failed job with --all'

  @args.string({ description: 'Id of the failed job (see queue:failed)', required: false })
  declare id?: string

  @flags.boolean({ description: 'Retry every failed job (of --queue, or of all queues)' })
  declare all: boolean

  async run() {
    const selected = await this.selectedQueues()
    if (!selected) return
    const { manager, names } = selected
    if (Boolean(this.id) === Boolean(this.all)) {
      this.logger.error('Give the id of one failed job, or --all')
      this.exitCode = 2
      return
    }

    try {
      if (this.all) {
        const retried: Record<string, number> = {}
        for (const name of names) {
          retried[name] = await this.#retryAll(await manager.open(name))
        }
        this.#report({ retried }, () => {
          const total = Object.values(retried).reduce((sum, count) => sum + count, 0)
          this.logger.success(`Retried ${total} failed job(s)`)
        })
        return
      }

      for (const name of names) {
        const queue = await manager.open(name)
        const job = await queue.getJob(this.id!)
        if (job && (await job.getState()) === 'failed') {
          await job.retry('failed', FRESH_ATTEMPTS)
          this.#report({ retried: { [name]: 1 }, id: job.id }, () =>
            this.logger.success(`Job ${job.id} (${job.name}) is back in the ${name} queue`)
          )
          return
        }
      }
    } catch (error) {
      this.logger.error(`Cannot retry: ${(error as Error).message}`)
      this.exitCode = 1
      return
    }

    this.logger.error(`No failed job has the id ${this.id}`)
    this.exitCode = 1
  }

  /**
   * Bounded by the count at the start, so jobs failing again meanwhile are not retried twice.
   */
  async #retryAll(queue: Queue) {
    let left = await queue.getFailedCount()
    let retried = 0
    while (left > 0) {
      const jobs = await queue.getFailed(0, Math.min(left, 500) - 1)
      if (!jobs.length) break
      for (const job of jobs) {
        await job.retry('failed', FRESH_ATTEMPTS)
        retried++
      }
      left -= jobs.length
    }
    return retried
  }

  #report(data: object, human: () => void) {
    if (this.json) this.logger.log(JSON.stringify(data, null, 2))
    else human()
  }
}
