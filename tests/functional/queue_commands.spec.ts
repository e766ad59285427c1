import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { Ajv2020 } from 'ajv/dist/2020.js'
import redis from '@adonisjs/redis/services/main'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import app from '@adonisjs/core/services/app'
import queue from '#services/queue'
import { QueueManager, QueueUnavailableError } from '#services/queue_manager'
import { queuesStatusSchema } from '#services/queue_status'
import SleepJob from '#tests/fixtures/jobs/sleep_job'
import FlakyJob from '#tests/fixtures/jobs/flaky_job'
import { jobState, resetQueues, runCommand, startWorker, waitFor } from '#tests/helpers/queues'
import { freePort, startServerProcess } from '#tests/helpers/server_process'

const key = (name: string) => `test:${name}:${randomUUID()}`

test.group('Queue operator commands', (group) => {
  group.each.setup(() => resetQueues())

  test('queue:status --json reports the counts per queue in the documented shape', async ({
    assert,
  }) => {
    // One failed and one completed job, then three waiting and one delayed, with no worker.
    const worker = await startWorker({ queues: ['maintenance'] })
    await queue.dispatch(FlakyJob, { failures: 1, attemptsKey: key('a') }, { attempts: 1 })
    await queue.dispatch(SleepJob, { ms: 1, mark: 'x', doneKey: key('done') })
    await waitFor('one failed and one completed job', async () => {
      const counts = await queue.queue('maintenance').getJobCounts('failed', 'completed')
      return counts.failed === 1 && counts.completed === 1
    })
    await worker.stop()
    for (const mark of ['a', 'b', 'c']) {
      await queue.dispatch(SleepJob, { ms: 1, mark, doneKey: key('done') })
    }
    await queue.dispatch(
      SleepJob,
      { ms: 1, mark: 'later', doneKey: key('done') },
      { delay: 60_000 }
    )

    const { output, exitCode } = await runCommand('queue:status', ['--json'])

    assert.equal(exitCode, 0)
    const status = JSON.parse(output)
    const validate = new Ajv2020({ allErrors: true }).compile(queuesStatusSchema)
    assert.isTrue(validate(status), JSON.stringify(validate.errors))
    assert.deepEqual(status, {
      prefix: 'nexus-test',
      queues: [
        {
          name: 'mail',
          paused: false,
          workers: 0,
          counts: { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 },
        },
        {
          name: 'imports',
          paused: false,
          workers: 0,
          counts: { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 },
        },
        {
          name: 'maintenance',
          paused: false,
          workers: 0,
          counts: { waiting: 3, active: 0, delayed: 1, failed: 1, completed: 1 },
        },
      ],
    })
  }).timeout(20_000)

  test('queue:status counts a running worker and takes --queue; an unknown queue exits 2', async ({
    assert,
    cleanup,
  }) => {
    const worker = await startWorker({ queues: ['mail'] })
    cleanup(() => worker.stop().then(() => {}))

    const { output, exitCode } = await runCommand('queue:status', ['--json', '--queue=mail'])
    assert.equal(exitCode, 0)
    const status = JSON.parse(output)
    assert.deepEqual(
      status.queues.map((entry: { name: string; workers: number }) => [entry.name, entry.workers]),
      [['mail', 1]]
    )

    const unknown = await runCommand('queue:status', ['--queue=nope'])
    assert.equal(unknown.exitCode, 2)
  })

  test('queue:clean removes finished jobs older than --older-than and keeps newer ones', async ({
    assert,
  }) => {
    const worker = await startWorker({ queues: ['maintenance'] })
    await queue.dispatch(SleepJob, { ms: 1, mark: 'x', doneKey: key('done') })
    await queue.dispatch(FlakyJob, { failures: 1, attemptsKey: key('a') }, { attempts: 1 })
    await waitFor('one completed and one failed job', async () => {
      const counts = await queue.queue('maintenance').getJobCounts('failed', 'completed')
      return counts.failed === 1 && counts.completed === 1
    })
    await worker.stop()
    await new Promise((resolve) => setTimeout(resolve, 20))

    const young = await runCommand('queue:clean', ['--json'])
    assert.equal(young.exitCode, 0)
    assert.deepEqual(JSON.parse(young.output).removed.maintenance, { completed: 0 })

    const completedOnly = await runCommand('queue:clean', ['--older-than=10ms', '--json'])
    assert.deepEqual(JSON.parse(completedOnly.output).removed.maintenance, { completed: 1 })
    assert.equal(await queue.queue('maintenance').getFailedCount(), 1)

    const withFailed = await runCommand('queue:clean', ['--older-than=10ms', '--failed', '--json'])
    assert.deepEqual(JSON.parse(withFailed.output).removed.maintenance, { completed: 0, failed: 1 })
    assert.equal(await queue.queue('maintenance').getFailedCount(), 0)

    const bad = await runCommand('queue:clean', ['--older-than=soon'])
    assert.equal(bad.exitCode, 2)
  }).timeout(20_000)

  test('the API process runs no worker: a dispatched job stays waiting', async ({
    assert,
    cleanup,
  }) => {
    const server = await startServerProcess()
    cleanup(async () => {
      await server.stop('SIGKILL')
    })
    const { id } = await queue.dispatch(SleepJob, { ms: 1, mark: 'x', doneKey: key('done') })

    const ready = await fetch(`${server.url}/health/ready`)
    assert.equal(ready.status, 200)
    await new Promise((resolve) => setTimeout(resolve, 500))

    for (const name of queue.names) {
      assert.equal(await queue.queue(name).getWorkersCount(), 0, `workers on ${name}`)
    }
    assert.equal(await jobState('maintenance', id), 'waiting')
    assert.equal(await redis.exists(`${queue.config.prefix}:maintenance:${id}`), 1)
  }).timeout(60_000)

  test('with Redis unreachable, dispatch fails fast and queue:status exits 1', async ({
    assert,
  }) => {
    const deadPort = await freePort()
    const offline = new QueueManager({
      ...queue.config,
      connection: { ...queue.config.connection, port: deadPort },
    })
    const startedAt = Date.now()
    await assert.rejects(
      () => offline.dispatch(SleepJob, { ms: 1, mark: 'x', doneKey: key('done') }),
      QueueUnavailableError
    )
    assert.isBelow(Date.now() - startedAt, 10_000)
    await offline.close()

    const child = spawn(process.execPath, ['ace.js', 'queue:status', '--json'], {
      cwd: app.makePath(),
      env: { ...process.env, NODE_ENV: 'test', REDIS_PORT: String(deadPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const [exitCode] = await once(child, 'exit')

    assert.equal(exitCode, 1, output)
    assert.include(output, 'Redis cannot be reached')
  }).timeout(60_000)
})
