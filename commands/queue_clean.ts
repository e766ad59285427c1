import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import string from '@adonisjs/core/helpers/string'
import { selectQueues } from '#services/queue_selection'

const STATES = ['completed', 'failed'] as const
const BATCH = 1000

/**
 * Removes finished jobs older than a grace period from the history. Waiting, delayed and
 * active jobs are never touched.
 */
export default class QueueClean extends BaseCommand {
  static commandName = 'queue:clean'
  static description = 'Remove completed (and with --failed, failed) jobs older than --older-than'

  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Age of the jobs to remove, like 12h or 7d', default: '24h' })
  declare olderThan: string

  @flags.boolean({ description: 'Remove old failed jobs too (completed ones only by default)' })
  declare failed: boolean

  @flags.array({ description: 'Only these queues (repeat or comma-separate)' })
  declare queue?: string[]

  @flags.boolean({ description: 'Print JSON for machines' })
  declare json: boolean

  async run() {
    const manager = await this.app.container.make('queue.manager')
    const names = selectQueues(this, manager, this.queue)
    if (!names) return

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
