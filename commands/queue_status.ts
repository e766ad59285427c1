import { queuesStatus } from '#services/queue_status'
import { QueueCommand } from '#console/queue_command'

/**
 * Waiting, active, delayed, failed and completed jobs per queue, and the workers attached.
 * `--json` prints `{ prefix, queues: [{ name, paused, workers, counts }] }` (README).
 */
export default class QueueStatusCommand extends QueueCommand {
  static commandName = 'queue:status'
  static description = 'Show waiting, active, delayed, failed and completed jobs per queue'

  async run() {
    const selected = await this.selectedQueues()
    if (!selected) return
    const { manager, names } = selected

    let status
    try {
      status = await queuesStatus(manager, names)
    } catch (error) {
      this.logger.error(`Cannot read the queues: ${(error as Error).message}`)
      this.exitCode = 1
      return
    }

    if (this.json) {
      this.logger.log(JSON.stringify(status, null, 2))
      return
    }
    const table = this.ui.table()
    table.head([
      'queue',
      'waiting',
      'active',
      'delayed',
      'failed',
      'completed',
      'workers',
      'paused',
    ])
    for (const queue of status.queues) {
      const { waiting, active, delayed, failed, completed } = queue.counts
      table.row([
        queue.name,
        ...[waiting, active, delayed, failed, completed, queue.workers].map(String),
        queue.paused ? 'yes' : 'no',
      ])
    }
    table.render()
  }
}
