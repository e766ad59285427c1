import { flags } from '@adonisjs/core/ace'
import string from '@adonisjs/core/helpers/string'
import { QueueCommand } from '#console/queue_command'

const STATES = ['completed', 'failed'] as const
const BATCH = 1000

/**
 * Removes finished jobs older than a grace period from the history. Waiting, delayed and
 * active jobs are never touched.
 */
export default class QueueClean extends QueueCommand {
  static commandName = 'queue:clean'
  static description = 'Remove completed (and with --failed, failed) jobs older than --older-than'

  @flags.string({ description: 'Age of the jobs to remove, like 12h or 7d', default: '24h' })
  declare olderThan: string

  @flags.boolean({ description: 'Remove old failed jobs too (completed ones only by default)' })
  declare failed: boolean

  async run() {
    const selected = await this.selectedQueues()
    if (!selected) return
    const { manager, names } = selected

    let grace: number
    try {
      grace = string.milliseconds.parse(this.olderThan)
    } catch {
      grace = Number.NaN
    }
    if (!Number.isFinite(grace) || grace < 0) {
      this.logger.error(
        `--older-than must be a duration like 30m, 12h or 7d (got "${this.olderThan}")`
      )
      this.exitCode = 2
      return
    }

    const states = this.failed ? STATES : (['completed'] as const)
    const removed: Record<string, Record<string, number>> = {}
    try {
      for (const name of names) {
        removed[name] = {}
        const queue = await manager.open(name)
        for (const state of states) {
          let count = 0
          let batch: string[]
          do {
            batch = await queue.clean(grace, BATCH, state)
            count += batch.length
          } while (batch.length === BATCH)
          removed[name][state] = count
        }
      }
    } catch (error) {
      this.logger.error(`Cannot clean the queues: ${(error as Error).message}`)
      this.exitCode = 1
      return
    }

    if (this.json) {
      this.logger.log(JSON.stringify({ olderThanMs: grace, removed }, null, 2))
      return
    }
    for (const [name, counts] of Object.entries(removed)) {
      const parts = Object.entries(counts).map(([state, count]) => `${count} ${state}`)
      this.logger.info(`${name}: removed ${parts.join(', ')}`)
    }
  }
}
