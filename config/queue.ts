import env from '#start/env'
import app from '@adonisjs/core/services/app'
import string from '@adonisjs/core/helpers/string'
import { redisConnection } from '#config/redis'
import { defineQueueConfig } from '#services/queue_manager'
import type { JobLoader } from '#jobs/base_job'

/**
 * Jobs only the test suite dispatches (slow, flaky and failing ones), so a worker started by
 * a test as its own process can run them too.
 */
const testJobs: JobLoader[] = app.inTest
  ? [() => import('#tests/fixtures/jobs/sleep_job'), () => import('#tests/fixtures/jobs/flaky_job')]
  : []

const queueConfig = defineQueueConfig({
  prefix: env.get('QUEUE_PREFIX', `nexus-${env.get('NODE_ENV')}`),
  connection: redisConnection,

  concurrency: {
    mail: env.get('QUEUE_MAIL_CONCURRENCY', 5),
    imports: env.get('QUEUE_IMPORTS_CONCURRENCY', 1),
    maintenance: env.get('QUEUE_MAINTENANCE_CONCURRENCY', 1),
  },

  defaultJobOptions: {
    attempts: env.get('QUEUE_ATTEMPTS', 5),
    /*
    | delay, 2×delay, 4×delay… with jitter, so a burst of failures does not retry in lockstep.
    */
    backoff: {
      type: 'exponential',
      delay: string.milliseconds.parse(env.get('QUEUE_BACKOFF_DELAY', '5s')),
      jitter: 0.2,
    },
    /*
    | Bounded history: the newest completed jobs for a look at what ran, and many more failed
    | ones, kept for inspection and `queue:retry` until `queue:clean` or the bound removes them.
    */
    removeOnComplete: { count: env.get('QUEUE_KEEP_COMPLETED', 1000) },
    removeOnFail: { count: env.get('QUEUE_KEEP_FAILED', 10_000) },
  },

  shutdownTimeout: string.milliseconds.parse(env.get('QUEUE_SHUTDOWN_TIMEOUT', '25s')),

  jobs: [
    () => import('#jobs/send_mail_job'),
    () => import('#jobs/import_catalog_job'),
    ...testJobs,
  ],
})

export default queueConfig
