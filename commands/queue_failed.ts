import { flags } from '@adonisjs/core/ace'
import { QueueCommand } from '#console/queue_command'

/**
 * Failed jobs (newest first) with the error of their last attempt.
 */
export default class QueueFailed extends QueueCommand {
  static commandName = 'queue:failed'
  static description = 'List failed jobs with their error'

  @flags.number({ description: 'At most this many per queue', default: 50 })
  declare limit: number

  async run() {
    const selected = await this.selectedQueues()
    if (!selected) return
    const { manager, names } = selected
    if (!(Number.isInteger(this.limit) && this.limit > 0)) {
      this.logger.error('--limit must be a positive integer')
      this.exitCode = 2
      return
    }

    let failed
    try {
      const perQueue = await Promise.all(
        names.map(async (name) => {
          const queue = await manager.open(name)
          const jobs = await queue.getFailed(0, this.limit - 1)
          return jobs.map((job) => ({
            id: job.id!,
            queue: name,
            name: job.name,
            attempts: job.attemptsMade,
            error: job.failedReason,
            failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
          }))
        })
      )
      failed = perQueue.flat()
    } catch (error) {
      this.logger.error(`Cannot read the queues: ${(error as Error).message}`)
      this.exitCode = 1
      return
    }

    if (this.json) {
      this.logger.log(JSON.stringify({ data: failed }, null, 2))
      return
    }
    if (!failed.length) {
      this.logger.info('No failed jobs')
      return
    }
    const table = this.ui.table()
    table.head(['queue', 'id', 'job', 'attempts', 'failed at', 'error'])
    for (const job of failed) {
      table.row([job.queue, job.id, job.name, String(job.attempts), job.failedAt ?? '', job.error])
    }
    table.render()
  }
}
