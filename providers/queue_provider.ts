import type { ApplicationService } from '@adonisjs/core/types'
import { QueueManager, type QueueConfig } from '#services/queue_manager'

declare module '@adonisjs/core/types' {
  interface ContainerBindings {
    'queue.manager': QueueManager
  }
}

/**
 * Registers the queue manager (the producer side) and makes every mailer's `sendLater` go
 * through the `mail` queue. It never starts a worker: providers boot in the API and in every
 * Ace command, and only `queue:work` runs jobs.
 */
export default class QueueProvider {
  #manager?: QueueManager

  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton('queue.manager', () => {
      this.#manager = new QueueManager(this.app.config.get<QueueConfig>('queue'))
      return this.#manager
    })
  }

  async boot() {
    this.app.container.resolving('mail.manager', async (mail, resolver) => {
      const { QueueMailMessenger } = await import('#services/queue_mail_messenger')
      const queues = await resolver.make('queue.manager')
      mail.setMessenger((mailer) => new QueueMailMessenger(mailer, queues))
    })
  }

  async shutdown() {
    await this.#manager?.close()
  }
}
