import type { BaseCommand } from '@adonisjs/core/ace'
import { isQueueName, type QueueManager, type QueueName } from '#services/queue_manager'

/**
 * The queues a `--queue` flag names (comma-separated or repeated; all when absent). An
 * unknown name is bad usage: the command says so and exits 2.
 */
export function selectQueues(
  command: BaseCommand,
  manager: QueueManager,
  flag: string[] | undefined
): readonly QueueName[] | undefined {
  const names = (flag ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean)
  if (!names.length) return manager.names
  const unknown = names.filter((name) => !isQueueName(name))
  if (unknown.length) {
    command.logger.error(`Unknown queue ${unknown.join(', ')}; known: ${manager.names.join(', ')}`)
    command.exitCode = 2
    return undefined
  }
  return names as QueueName[]
}
