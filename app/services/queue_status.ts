import type { QueueManager, QueueName } from '#services/queue_manager'

/**
 * One queue in `queue:status --json`. `waiting` counts jobs ready to run (prioritized ones
 * included); `delayed` counts jobs waiting for their time (first run or a retry's backoff).
 */
export interface QueueStatus {
  name: QueueName
  paused: boolean
  workers: number
  counts: { waiting: number; active: number; delayed: number; failed: number; completed: number }
}

export interface QueuesStatus {
  prefix: string
  queues: QueueStatus[]
}

export async function queuesStatus(
  manager: QueueManager,
  names: readonly QueueName[] = manager.names
): Promise<QueuesStatus> {
  const queues = await Promise.all(
    names.map(async (name): Promise<QueueStatus> => {
      const queue = await manager.open(name)
      const [counts, paused, workers] = await Promise.all([
        queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'),
        queue.isPaused(),
        queue.getWorkersCount(),
      ])
      return {
        name,
        paused,
        workers,
        counts: {
          waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          failed: counts.failed ?? 0,
          completed: counts.completed ?? 0,
        },
      }
    })
  )
  return { prefix: manager.config.prefix, queues }
}

const count = { type: 'integer', minimum: 0 } as const

/**
 * JSON Schema of `queue:status --json`: the contract for scripts and monitoring (README).
 */
export const queuesStatusSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['prefix', 'queues'],
  properties: {
    prefix: { type: 'string' },
    queues: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'paused', 'workers', 'counts'],
        properties: {
          name: { enum: ['mail', 'imports', 'maintenance'] },
          paused: { type: 'boolean' },
          workers: count,
          counts: {
            type: 'object',
            additionalProperties: false,
            required: ['waiting', 'active', 'delayed', 'failed', 'completed'],
            properties: {
              waiting: count,
              active: count,
              delayed: count,
              failed: count,
              completed: count,
            },
          },
        },
      },
    },
  },
} as const
