import { test } from '@japa/runner'
import { freePort, startServerProcess } from '#tests/helpers/server_process'

/**
 * These start the API as its own process, pointed at a port where nothing listens.
 */
test.group('Readiness when a dependency is unreachable', () => {
  test('Redis down: 200 (the API runs without it), Redis and the cache reported degraded', async ({
    assert,
    cleanup,
  }) => {
    const server = await startServerProcess({ REDIS_PORT: String(await freePort()) })
    cleanup(async () => {
      await server.stop('SIGKILL')
    })

    const response = await fetch(`${server.url}/health/ready`)
    assert.equal(response.status, 200)
    const report = (await response.json()) as {
      status: string
      checks: { name: string; status: string }[]
    }
    const redisCheck = report.checks.find((check) => check.name.startsWith('Redis'))
    const cacheCheck = report.checks.find((check) => check.name === 'Catalog cache')
    const dbCheck = report.checks.find((check) => check.name.startsWith('Database'))
    assert.equal(report.status, 'warning')
    assert.equal(redisCheck?.status, 'warning')
    assert.equal(cacheCheck?.status, 'warning')
    assert.equal(dbCheck?.status, 'ok')
  }).timeout(60_000)

  test('PostgreSQL down: 503 with the database check failing', async ({ assert, cleanup }) => {
    const server = await startServerProcess({ DB_PORT: String(await freePort()) })
    cleanup(async () => {
      await server.stop('SIGKILL')
    })

    const response = await fetch(`${server.url}/health/ready`)
    assert.equal(response.status, 503)
    const report = (await response.json()) as { checks: { name: string; status: string }[] }
    const dbCheck = report.checks.find((check) => check.name.startsWith('Database'))
    assert.equal(dbCheck?.status, 'error')
  }).timeout(60_000)
})

test.group('Requests while Redis is unreachable', () => {
  test('login answers 503 with Retry-After, not a 500', async ({ assert, cleanup }) => {
    const server = await startServerProcess({ REDIS_PORT: String(await freePort()) })
    cleanup(async () => {
      await server.stop('SIGKILL')
    })

    const response = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'someone@example.com', password: 'a-long-password-1' }),
    })
    assert.equal(response.status, 503)
    assert.equal(response.headers.get('retry-after'), '5')
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/)
    const problem = (await response.json()) as { type: string }
    assert.equal(problem.type, '/problems/service-unavailable')
  }).timeout(60_000)
})
