import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { Socket } from 'node:net'
import { freePort } from '#tests/helpers/server_process'

export interface RedisServer {
  port: number
  start: () => Promise<void>
  stop: () => Promise<void>
}

async function answersPing(port: number): Promise<boolean> {
  const socket = new Socket()
  try {
    socket.connect(port, '127.0.0.1')
    await once(socket, 'connect')
    socket.write('PING\r\n')
    const [data] = await once(socket, 'data')
    return String(data).startsWith('+PONG')
  } catch {
    return false
  } finally {
    socket.destroy()
  }
}

/**
 * A Redis server of the test's own, on a free port, without persistence: stopping and starting
 * it again is a Redis outage and its recovery, without touching the shared Redis.
 */
export async function ownRedisServer(): Promise<RedisServer> {
  const port = await freePort()
  let child: ChildProcess | null = null

  const server: RedisServer = {
    port,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' }
      )
      const deadline = Date.now() + 10_000
      while (!(await answersPing(port))) {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`)
        if (Date.now() > deadline) throw new Error('redis-server did not answer within 10 s')
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
    async stop() {
      if (!child || child.exitCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGKILL')
      await exited
      child = null
    },
  }
  await server.start()
  return server
}
