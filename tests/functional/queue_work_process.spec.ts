import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import redis from '@adonisjs/redis/services/main'
import queue from '#services/queue'
import SleepJob from '#tests/fixtures/jobs/sleep_job'
import { freePort } from '#tests/helpers/server_process'
import { jobState, resetQueues, startWorkerProcess, waitFor } from '#tests/helpers/queues'
import { BULK_HEAP_FLAGS } from '../../bin/heap_tuning.js'

const key = (name: string) => `test:${name}:${randomUUID()}`

const stateOf = (id: string) => jobState('maintenance', id)

/**
 * `node ace queue:work` as its own process, stopped by a signal in the middle of a job; the
 * outcome is read from the queue afterwards.
 */
test.group('queue:work process', (group) => {
  group.each.setup(() => resetQueues())

  test('SIGTERM mid-job: the job finishes, the worker exits 0 and takes no new job', async ({
    assert,
  }) => {
    const worker = await startWorkerProcess(['--queue=maintenance'])
    const startedKey = key('started')
    const doneKey = key('done')
    const { id } = await queue.dispatch(SleepJob, {
      ms: 1500,
      mark: 'in-hand',
      doneKey,
      startedKey,
    })
    await waitFor('the job to start', async () => (await redis.llen(startedKey)) === 1)
    const { id: nextId } = await queue.dispatch(SleepJob, { ms: 1, mark: 'next', doneKey })

    const exitCode = await worker.stop('SIGTERM')

    assert.equal(exitCode, 0, worker.output())
    assert.equal(await stateOf(id), 'completed')
    assert.deepEqual(await redis.lrange(doneKey, 0, -1), ['in-hand'])
    assert.equal(await stateOf(nextId), 'waiting')
    assert.equal(await queue.queue('maintenance').getWorkersCount(), 0)
  }).timeout(60_000)

  test('SIGTERM with a job longer than the shutdown timeout: the job returns to waiting', async ({
    assert,
  }) => {
    const worker = await startWorkerProcess(['--queue=maintenance'], {
      QUEUE_SHUTDOWN_TIMEOUT: '300ms',
    })
    const startedKey = key('started')
    const doneKey = key('done')
    const { id } = await queue.dispatch(SleepJob, { ms: 60_000, mark: 'long', doneKey, startedKey })
    await waitFor('the job to start', async () => (await redis.llen(startedKey)) === 1)

    const stoppedAt = Date.now()
    const exitCode = await worker.stop('SIGTERM')

    assert.equal(exitCode, 0, worker.output())
    assert.isBelow(Date.now() - stoppedAt, 10_000)
    assert.equal(await stateOf(id), 'waiting')
    const job = await queue.queue('maintenance').getJob(id)
    assert.equal(job!.attemptsMade, 0)
    assert.equal(await queue.queue('maintenance').getActiveCount(), 0)
    assert.equal(await redis.llen(doneKey), 0)
  }).timeout(60_000)

  test('SIGINT stops the worker as gently as SIGTERM', async ({ assert }) => {
    const worker = await startWorkerProcess(['--queue=maintenance'])

    const exitCode = await worker.stop('SIGINT')

    assert.equal(exitCode, 0, worker.output())
    assert.include(worker.output(), 'worker stopped')
  }).timeout(60_000)

  test('the worker restarts itself once with the bulk heap flags, keeping its pid', async ({
    assert,
    cleanup,
  }) => {
    const worker = await startWorkerProcess(['--queue=maintenance'])
    cleanup(async () => {
      await worker.stop('SIGKILL')
    })
    // The spawned process (same pid) is now node with the flags, then ace.js and the command.
    const cmdline = await readFile(`/proc/${worker.child.pid}/cmdline`, 'utf8')
    const commandLine = cmdline.split('\0')
    const entry = commandLine.findIndex((arg) => arg.endsWith('ace.js'))
    assert.isAbove(entry, 0, cmdline)
    for (const flag of BULK_HEAP_FLAGS) assert.include(commandLine.slice(1, entry), flag)
    assert.deepEqual(commandLine.slice(entry + 1, entry + 3), ['queue:work', '--queue=maintenance'])

    const doneKey = key('done')
    await queue.dispatch(SleepJob, { ms: 1, mark: 'tuned', doneKey })
    await waitFor('the job to run', async () => (await redis.llen(doneKey)) === 1)
    assert.equal(await worker.stop('SIGTERM'), 0, worker.output())
  })
    .timeout(60_000)
    .skip(process.platform !== 'linux', 'reads /proc')

  test('a worker that cannot reach Redis still stops on SIGTERM, with exit code 1', async ({
    assert,
  }) => {
    const worker = await startWorkerProcess(
      [],
      { REDIS_PORT: String(await freePort()), QUEUE_SHUTDOWN_TIMEOUT: '200ms' },
      { attach: false }
    )
    await waitFor('the worker to try Redis', () => worker.output().includes('worker error'), 30_000)

    const stoppedAt = Date.now()
    const exitCode = await worker.stop('SIGTERM')

    assert.equal(exitCode, 1, worker.output())
    assert.isBelow(Date.now() - stoppedAt, 15_000)
    assert.include(worker.output(), 'worker stopped without reaching Redis')
  }).timeout(60_000)
})
