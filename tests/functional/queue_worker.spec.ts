import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import redis from '@adonisjs/redis/services/main'
import queue from '#services/queue'
import SleepJob from '#tests/fixtures/jobs/sleep_job'
import FlakyJob from '#tests/fixtures/jobs/flaky_job'
import { jobState, resetQueues, runCommand, startWorker, waitFor } from '#tests/helpers/queues'

const maintenance = () => queue.queue('maintenance')
const key = (name: string) => `test:${name}:${randomUUID()}`
const noJitter = (delay: number) => ({ type: 'exponential', delay, jitter: 0 }) as const

const stateOf = (id: string) => jobState('maintenance', id)

test.group('Queue worker', (group) => {
  group.each.setup(() => resetQueues())

  test('a dispatched job runs on the worker and completes', async ({ assert, cleanup }) => {
    const worker = await startWorker()
    cleanup(() => worker.stop().then(() => {}))
    const doneKey = key('done')

    const { id, queue: queueName } = await queue.dispatch(SleepJob, {
      ms: 10,
      mark: 'first',
      doneKey,
    })

    assert.equal(queueName, 'maintenance')
    await waitFor('the job to complete', async () => (await stateOf(id)) === 'completed')
    const job = await maintenance().getJob(id)
    assert.deepEqual(job!.returnvalue, { mark: 'first' })
    assert.deepEqual(await redis.lrange(doneKey, 0, -1), ['first'])
  })

  test('a failing job is retried with exponential backoff until it succeeds', async ({
    assert,
    cleanup,
  }) => {
    const worker = await startWorker()
    cleanup(() => worker.stop().then(() => {}))
    const attemptsKey = key('attempts')

    const { id } = await queue.dispatch(
      FlakyJob,
      { failures: 2, attemptsKey },
      { attempts: 5, backoff: noJitter(200) }
    )

    await waitFor('the job to complete', async () => (await stateOf(id)) === 'completed')
    const runs = await redis.lrange(attemptsKey, 0, -1).then((times) => times.map(Number))
    assert.lengthOf(runs, 3)
    // 200 ms after the first failure, then 400 ms after the second.
    assert.isAtLeast(runs[1] - runs[0], 200)
    assert.isAtLeast(runs[2] - runs[1], 400)
    const job = await maintenance().getJob(id)
    assert.equal(job!.attemptsMade, 3)
    assert.deepEqual(job!.returnvalue, { run: 3 })
  }).timeout(20_000)

  test('a job out of attempts ends in the failed set and queue:retry revives it', async ({
    assert,
    cleanup,
  }) => {
    const worker = await startWorker()
    cleanup(() => worker.stop().then(() => {}))
    const attemptsKey = key('attempts')

    const { id } = await queue.dispatch(
      FlakyJob,
      { failures: 2, attemptsKey },
      { attempts: 2, backoff: noJitter(50) }
    )
    await waitFor('the job to fail', async () => (await stateOf(id)) === 'failed')

    const failed = await runCommand('queue:failed', ['--json'])
    assert.equal(failed.exitCode, 0)
    const listed = JSON.parse(failed.output).data
    assert.lengthOf(listed, 1)
    assert.containSubset(listed[0], {
      id,
      queue: 'maintenance',
      name: 'test.flaky',
      attempts: 2,
      error: 'Planned failure 2 of 2',
    })
    assert.match(listed[0].failedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)

    const retried = await runCommand('queue:retry', [id])
    assert.equal(retried.exitCode, 0)
    await waitFor('the revived job to complete', async () => (await stateOf(id)) === 'completed')
    assert.lengthOf(await redis.lrange(attemptsKey, 0, -1), 3)
    assert.equal(await maintenance().getFailedCount(), 0)
  }).timeout(20_000)

  test('queue:retry --all revives every failed job; an unknown id exits 1', async ({ assert }) => {
    const ids: string[] = []
    const attemptsKeys = [key('a'), key('b')]
    for (const attemptsKey of attemptsKeys) {
      const { id } = await queue.dispatch(FlakyJob, { failures: 1, attemptsKey }, { attempts: 1 })
      ids.push(id)
    }
    const worker = await startWorker()
    await waitFor('both jobs to fail', async () => (await maintenance().getFailedCount()) === 2)
    await worker.stop()

    const unknown = await runCommand('queue:retry', ['no-such-job'])
    assert.equal(unknown.exitCode, 1)
    const usage = await runCommand('queue:retry', [])
    assert.equal(usage.exitCode, 2)

    const retried = await runCommand('queue:retry', ['--all', '--json'])
    assert.equal(retried.exitCode, 0)
    assert.deepEqual(JSON.parse(retried.output), {
      retried: { mail: 0, imports: 0, maintenance: 2 },
    })
    assert.equal(await maintenance().getWaitingCount(), 2)

    const again = await startWorker()
    await waitFor('both jobs to complete', async () => {
      const states = await Promise.all(ids.map(stateOf))
      return states.every((state) => state === 'completed')
    })
    await again.stop()
  }).timeout(20_000)

  test('a worker stopping with a job in hand past the timeout hands it back to waiting', async ({
    assert,
  }) => {
    const worker = await startWorker({ queues: ['maintenance'] })
    const startedKey = key('started')
    const doneKey = key('done')
    const { id } = await queue.dispatch(SleepJob, {
      ms: 30_000,
      mark: 'long',
      doneKey,
      startedKey,
    })
    await waitFor('the job to start', async () => (await redis.llen(startedKey)) === 1)

    const report = await worker.stop(200)

    assert.deepEqual(report, { finished: 0, handedBack: 1, forced: false })
    assert.equal(await stateOf(id), 'waiting')
    const job = await maintenance().getJob(id)
    assert.equal(job!.attemptsMade, 0)
    assert.equal(await redis.llen(doneKey), 0)
  }).timeout(20_000)

  test('a worker stopping lets the job in hand finish within the timeout', async ({ assert }) => {
    const worker = await startWorker({ queues: ['maintenance'] })
    const startedKey = key('started')
    const doneKey = key('done')
    const { id } = await queue.dispatch(SleepJob, { ms: 500, mark: 'short', doneKey, startedKey })
    await waitFor('the job to start', async () => (await redis.llen(startedKey)) === 1)

    const report = await worker.stop(10_000)

    assert.deepEqual(report, { finished: 1, handedBack: 0, forced: false })
    assert.equal(await stateOf(id), 'completed')
    assert.deepEqual(await redis.lrange(doneKey, 0, -1), ['short'])
  }).timeout(20_000)

  test('a job whose name has no class fails without retries', async ({ assert, cleanup }) => {
    const worker = await startWorker({ queues: ['maintenance'] })
    cleanup(() => worker.stop().then(() => {}))
    const added = await maintenance().add('no.such.job', {}, { attempts: 5 })

    await waitFor('the job to fail', async () => (await stateOf(added.id!)) === 'failed')
    const job = await maintenance().getJob(added.id!)
    assert.equal(job!.attemptsMade, 1)
    assert.equal(job!.failedReason, 'No job class is named "no.such.job"')
  })
})
