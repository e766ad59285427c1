import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { selectQueues } from '#services/queue_selection'

/**
 * Shared ground of the queue inspection commands (`queue:status`, `queue:failed`,
 * `queue:retry`, `queue:clean`): the `--queue` and `--json` flags, and the queues they name.
 */
export abstract class QueueCommand extends BaseCommand {
  static options: CommandOptions = { startApp: true }

  @flags.array({ description: 'Only these queues (repeat or comma-separate)' })
  declare queue?: string[]

  @flags.boolean({ description: 'Print JSON for machines' })
  declare json: boolean

  /**
   * The queue manager and the queues `--queue` names (all by default); undefined after an
   * unknown name, which has been reported as bad usage (exit code 2).
   */
  protected async selectedQueues() {
    const manager = await this.app.container.make('queue.manager')
    const names = selectQueues(this, manager, this.queue)
    return names && { manager, names }
  }
}
