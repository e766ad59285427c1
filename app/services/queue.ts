import app from '@adonisjs/core/services/app'
import type { QueueManager } from '#services/queue_manager'

let queue: QueueManager

/**
 * The app's queue manager: `queue.dispatch(Job, payload, options)` adds a job; the worker
 * process (`node ace queue:work`) runs it.
 */
await app.booted(async () => {
  queue = await app.container.make('queue.manager')
})

export { queue as default }

/**
 * Adds a job to its queue: `await dispatch(SendMailJob, payload, { delay: 5000 })`.
 */
export const dispatch: QueueManager['dispatch'] = (job, payload, options) =>
  queue.dispatch(job, payload, options)
