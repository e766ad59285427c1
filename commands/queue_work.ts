import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { QueueWorker } from '#services/queue_worker'
import { selectQueues } from '#services/queue_selection'

/**
 * The worker process: runs the jobs of some queues until SIGTERM or SIGINT, then stops taking
 * jobs, lets the jobs in hand finish within QUEUE_SHUTDOWN_TIMEOUT (handing the rest back to
 * their queue), closes its connections and exits 0 (1 when Redis could not be reached).
 */
export default class QueueWork extends BaseCommand {
  static commandName = 'queue:work'
  static description = 'Run the jobs of the queues (all by default) until stopped by a signal'

  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.array({
    description: 'Queues to work on (repeat or comma-separate): mail, imports, maintenance',
  })
  declare queue?: string[]

  @flags.number({ description: 'Jobs run at the same time per queue (overrides the config)' })
  declare concurrency?: number

  async run() {
    const manager = await this.app.container.make('queue.manager')
    const queues = selectQueues(this, manager, this.queue)
    if (!queues) return this.terminate()
    if (
      this.concurrency !== undefined &&
      !(Number.isInteger(this.concurrency) && this.concurrency > 0)
    ) {
      this.logger.error('--concurrency must be a positive integer')
      this.exitCode = 2
      return this.terminate()
    }

    const logger = await this.app.container.make('logger')
    const worker = new QueueWorker(manager, this.app.container.createResolver(), logger, {
      queues,
      concurrency: this.concurrency,
    })

    /*
    | bin/console.ts turns SIGTERM into app.terminate(); SIGINT (Ctrl+C) must stop as gently.
    | The terminating hook runs before the providers close Redis and the mailers.
    */
    this.app.terminating(async () => {
      logger.info({ inHand: worker.inHand }, 'worker stopping: no new jobs')
      const report = await worker.stop()
      if (report.forced) {
        logger.error(
          report,
          'worker stopped without reaching Redis; jobs in hand return when their lock expires'
        )
        this.exitCode = 1
        // The remaining clients may keep retrying a Redis that is away: do not wait on them.
        setTimeout(() => process.exit(), 2_000).unref()
      } else {
        logger.info(report, 'worker stopped')
      }
    })
    this.app.listen('SIGINT', () => this.app.terminate())

    try {
      await worker.start()
    } catch (error) {
      this.logger.error(`The worker could not start: ${(error as Error).message}`)
      this.exitCode = 1
      return this.terminate()
    }
    logger.info(
      {
        prefix: manager.config.prefix,
        queues,
        concurrency: this.concurrency ?? manager.config.concurrency,
      },
      'worker ready'
    )
  }
}
