import { once } from 'node:events'
import { connect } from 'node:net'
import { test } from '@japa/runner'
import { type ProductionBuild, buildForProduction } from '#tests/helpers/production_build'
import { type ServerProcess, startServerProcess } from '#tests/helpers/server_process'

/**
 * Polls `probe` every 25 ms until it returns true; fails after `timeoutMs`.
 */
async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/**
 * Whether a brand-new TCP connection to the server is refused (nothing listens any more).
 */
function refusesConnections(server: ServerProcess): Promise<boolean> {
  const { hostname, port } = new URL(server.url)
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) })
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'))
  })
}

async function waitingSlowRequests(server: ServerProcess): Promise<number> {
  const response = await fetch(`${server.url}/__tests__/slow/waiting`)
  return ((await response.json()) as { waiting: number }).waiting
}

/**
 * These run the production build (`node bin/server.js` from the built folder), built once
 * for the group, as a process of its own.
 */
test.group('Graceful shutdown of the built API', (group) => {
  let build: ProductionBuild

  group.setup(async () => {
    build = await buildForProduction()
    return () => build.remove()
  })

  function startBuiltServer(env: Record<string, string>) {
    return startServerProcess(
      { LOG_LEVEL: 'info', ...env },
      { entry: 'bin/server.js', cwd: build.dir }
    )
  }

  test('SIGTERM lets requests in flight finish with 200, refuses new connections and exits 0', async ({
    assert,
    cleanup,
  }) => {
    const server = await startBuiltServer({ SHUTDOWN_TIMEOUT: '15s' })
    cleanup(async () => {
      await server.stop('SIGKILL')
    })
    const exited = once(server.child, 'exit')

    const held = [1, 2, 3].map(async () => {
      const response = await fetch(`${server.url}/__tests__/slow?ms=2000`)
      return {
        status: response.status,
        connection: response.headers.get('connection'),
        body: await response.json(),
        at: Date.now(),
      }
    })
    await waitUntil('3 requests are held', async () => (await waitingSlowRequests(server)) === 3)

    const signalledAt = Date.now()
    server.child.kill('SIGTERM')
    await waitUntil('new connections are refused', () => refusesConnections(server), 1_000)
    const refusedAt = Date.now()

    const answers = await Promise.all(held)
    const [code] = await exited
    const exitedAt = Date.now()

    for (const answer of answers) {
      assert.equal(answer.status, 200)
      assert.deepEqual(answer.body, { slept: 2000 })
      assert.equal(answer.connection, 'close', 'a draining server tells clients not to reuse')
      assert.isAbove(
        answer.at,
        refusedAt,
        'the request was still in flight when connections were refused'
      )
    }
    assert.equal(code, 0, server.output())
    // Well under Node's 5 s keep-alive timeout, so an idle connection cannot be what it waited
    // for; the closing of PostgreSQL and Redis takes the rest (2.1 s seen on a loaded machine).
    assert.isBelow(exitedAt - Math.max(...answers.map((answer) => answer.at)), 3_500)
    assert.isBelow(exitedAt - signalledAt, 10_000)
    assert.match(server.output(), /shutdown complete/)
  }).timeout(30_000)

  test('readiness turns 503 as soon as draining starts, during the drain delay', async ({
    assert,
    cleanup,
  }) => {
    const server = await startBuiltServer({
      NODE_ENV: 'production',
      SHUTDOWN_DRAIN_DELAY: '1500ms',
      SHUTDOWN_TIMEOUT: '10s',
    })
    cleanup(async () => {
      await server.stop('SIGKILL')
    })
    const exited = once(server.child, 'exit')

    const readyBefore = await fetch(`${server.url}/health/ready`)
    assert.equal(readyBefore.status, 200)
    const testRoute = await fetch(`${server.url}/__tests__/slow`)
    assert.equal(testRoute.status, 404, 'test support routes do not exist in production')

    server.child.kill('SIGTERM')
    let report: { checks: { name: string; status: string }[] } | undefined
    await waitUntil(
      'readiness answers 503',
      async () => {
        const response = await fetch(`${server.url}/health/ready`)
        if (response.status !== 503) return false
        report = (await response.json()) as typeof report
        return true
      },
      1_000
    )
    const shutdownCheck = report!.checks.find((check) => check.name === 'Shutdown check')
    assert.equal(shutdownCheck?.status, 'error')
    const live = await fetch(`${server.url}/health/live`)
    assert.equal(live.status, 200, 'still alive while draining')

    await waitUntil('new connections are refused', () => refusesConnections(server), 3_000)
    const [code] = await exited
    assert.equal(code, 0, server.output())
  }).timeout(30_000)

  test('past SHUTDOWN_TIMEOUT the process exits with 1 even with requests in flight', async ({
    assert,
    cleanup,
  }) => {
    const server = await startBuiltServer({ SHUTDOWN_TIMEOUT: '500ms' })
    cleanup(async () => {
      await server.stop('SIGKILL')
    })
    const exited = once(server.child, 'exit')

    const held = fetch(`${server.url}/__tests__/slow?ms=5000`).then(
      (response) => response.status,
      () => 'failed'
    )
    await waitUntil('the request is held', async () => (await waitingSlowRequests(server)) === 1)

    const signalledAt = Date.now()
    server.child.kill('SIGTERM')
    const [code] = await exited
    assert.equal(code, 1)
    assert.isBelow(Date.now() - signalledAt, 3_000)
    assert.equal(await held, 'failed')
    assert.match(server.output(), /graceful shutdown timed out/)
  }).timeout(30_000)
})
