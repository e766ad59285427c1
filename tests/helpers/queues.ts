import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import app from '@adonisjs/core/services/app'
import redis from '@adonisjs/redis/services/main'
import ace from '@adonisjs/core/services/ace'
import type { BaseCommand } from '@adonisjs/core/ace'
import queue from '#services/queue'
import { QueueWorker, type QueueWorkerOptions } from '#services/queue_worker'
import type { QueueName } from '#services/queue_manager'

/**
 * Removes every key under the test queue prefix (jobs, history, delivery records), so each
 * test starts from empty queues. Only the prefix's keys are touched.
 */
export async function resetQueues() {
  const pattern = `${queue.config.prefix}:*`
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500)
    if (keys.length) await redis.del(...keys)
    cursor = next
  } while (cursor !== '0')
}

/**
 * A real worker in this process. The caller stops it (`worker.stop()`), usually in cleanup.
 */
export async function startWorker(options: Partial<QueueWorkerOptions> = {}) {
  const logger = await app.container.make('logger')
  const worker = new QueueWorker(queue, app.container.createResolver(), logger, {
    queues: queue.names,
    ...options,
  })
  await worker.start()
  return worker
}

type Falsy = undefined | null | false | 0 | ''

/**
 * Polls `check` until it returns a truthy value, which it resolves to, or fails after
 * `timeout` ms.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | Falsy> | T | Falsy,
  timeout = 15_000
): Promise<Exclude<T, Falsy>> {
  const deadline = Date.now() + timeout
  while (true) {
    const value = await check()
    if (value) return value as Exclude<T, Falsy>
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * Runs an Ace command in this process and returns it with its output lines.
 */
export async function runCommand(name: string, argv: string[] = []) {
  ace.ui.switchMode('raw')
  const command: BaseCommand = await ace.exec(name, argv)
  const output = command.logger
    .getLogs()
    .map((log) => log.message)
    .join('\n')
  return { command, output, exitCode: command.exitCode }
}

export interface WorkerProcess {
  child: ChildProcess
  output: () => string
  stop: (signal?: NodeJS.Signals) => Promise<number | null>
}

/**
 * `node ace queue:work` as its own process, with extra environment variables; resolves once
 * the worker is attached to every queue it works on (or, with `attach: false`, once the
 * process has started).
 */
export async function startWorkerProcess(
  args: string[] = [],
  env: Record<string, string> = {},
  options: { attach?: boolean } = {}
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['ace.js', 'queue:work', ...args], {
    cwd: app.makePath(),
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null) return child.exitCode
    const exited = once(child, 'exit')
    child.kill(signal)
    const [code] = await exited
    return code as number | null
  }
  if (options.attach === false) {
    await once(child, 'spawn')
    return { child, output: () => output, stop }
  }

  const queues = args
    .find((arg) => arg.startsWith('--queue='))
    ?.slice(8)
    .split(',') ?? [...queue.names]
  await waitFor(
    `the worker process to attach (output so far:\n${output})`,
    async () => {
      if (child.exitCode !== null) {
        throw new Error(`The worker exited with ${child.exitCode}:\n${output}`)
      }
      const counts = await Promise.all(
        queues.map((name) => queue.queue(name as QueueName).getWorkersCount())
      )
      return counts.every((count) => count > 0)
    },
    30_000
  )

  return { child, output: () => output, stop }
}

/**
 * The state of a job ("waiting", "active", "completed", "failed"…), or "missing".
 */
export async function jobState(queueName: QueueName, id: string) {
  const job = await queue.queue(queueName).getJob(id)
  return job ? job.getState() : 'missing'
}
