import { test } from '@japa/runner'
import { freePort } from '#tests/helpers/server_process'
import { ownRedisServer } from '#tests/helpers/redis_server'
import {
  dropProbeTable,
  probeAdd,
  probeNames,
  readiness,
  resetProbeTable,
  startProbeServer,
} from '#tests/helpers/cache_probe'

const DEGRADED_LINE = /cache degraded: Redis unreachable/g
const RECOVERED_LINE = /cache recovered: Redis reachable again/g

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean) {
  const deadline = Date.now() + 15_000
  let value = await probe()
  while (!accept(value)) {
    if (Date.now() > deadline)
      throw new Error(`Gave up waiting; last value: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
    value = await probe()
  }
  return value
}

/**
 * Each API instance here is its own process (tests/fixtures/cache_probe_server.ts), so
 * several instances share one Redis, or run with Redis away.
 */
test.group('Catalog cache across instances and Redis outages', (group) => {
  group.each.setup(async () => {
    await resetProbeTable()
    return () => dropProbeTable()
  })

  test('a write through one instance is read through another at once', async ({
    assert,
    cleanup,
  }) => {
    const prefix = `nexus:test:instances:${Date.now()}`
    const [first, second] = await Promise.all([
      startProbeServer({ CACHE_PREFIX: prefix }),
      startProbeServer({ CACHE_PREFIX: prefix }),
    ])
    cleanup(async () => {
      await Promise.all([first.stop('SIGKILL'), second.stop('SIGKILL')])
    })

    await probeAdd(first.url, 'anvil')
    // Both instances now hold the listing in their memory layer.
    assert.deepEqual(await probeNames(first.url), ['anvil'])
    assert.deepEqual(await probeNames(second.url), ['anvil'])

    for (const name of ['bucket', 'chisel', 'drill']) {
      await probeAdd(first.url, name)
      assert.include(await probeNames(second.url), name)
      await probeAdd(second.url, `${name}-2`)
      assert.include(await probeNames(first.url), `${name}-2`)
    }
  }).timeout(60_000)

  test('Redis at a closed port: reads and writes work, logged once, readiness stays 200', async ({
    assert,
    cleanup,
  }) => {
    const server = await startProbeServer({ REDIS_PORT: String(await freePort()) })
    cleanup(async () => {
      await server.stop('SIGKILL')
    })

    const started = Date.now()
    assert.deepEqual(await probeNames(server.url), [])
    await probeAdd(server.url, 'anvil')
    assert.deepEqual(await probeNames(server.url), ['anvil'])
    await probeAdd(server.url, 'bucket')
    for (let i = 0; i < 10; i++) {
      assert.deepEqual(await probeNames(server.url), ['anvil', 'bucket'])
    }
    // Redis away costs a read at most the cache's command timeout, not the reconnect backoff.
    assert.isBelow(Date.now() - started, 5_000)

    const ready = await readiness(server.url)
    assert.equal(ready.status, 200)
    assert.equal(ready.cache?.status, 'warning')
    assert.match(ready.cache!.message, /Degraded/)
    assert.equal(ready.redis?.status, 'warning')

    // Reconnect attempts go on in the background; the outage is still one line.
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    assert.lengthOf(server.output().match(DEGRADED_LINE) ?? [], 1, server.output())
    assert.notMatch(server.output(), /Redis connection failure|Unhandled error event/)
  }).timeout(60_000)

  test('Redis stopped and started again: degraded meanwhile, recovers by itself', async ({
    assert,
    cleanup,
  }) => {
    const redisServer = await ownRedisServer()
    cleanup(() => redisServer.stop())
    const env = { REDIS_PORT: String(redisServer.port), REDIS_DB: '0', LOG_LEVEL: 'info' }
    const [first, second] = await Promise.all([startProbeServer(env), startProbeServer(env)])
    cleanup(async () => {
      await Promise.all([first.stop('SIGKILL'), second.stop('SIGKILL')])
    })

    await probeAdd(first.url, 'anvil')
    assert.deepEqual(await probeNames(second.url), ['anvil'])
    const before = await readiness(first.url)
    assert.equal(before.cache?.status, 'ok')

    await redisServer.stop()
    await probeAdd(first.url, 'bucket')
    assert.deepEqual(await probeNames(first.url), ['anvil', 'bucket'])
    const during = await readiness(second.url)
    assert.equal(during.status, 200)
    assert.equal(during.cache?.status, 'warning')

    await redisServer.start()
    await eventually(
      () => readiness(first.url),
      (ready) => ready.cache?.status === 'ok'
    )
    await eventually(
      () => readiness(second.url),
      (ready) => ready.cache?.status === 'ok'
    )
    // The write made while Redis was away reaches the other instance once Redis is back.
    await eventually(
      () => probeNames(second.url),
      (names) => names.includes('bucket')
    )
    // And the cache is shared again: a write through one is read through the other at once.
    await probeAdd(second.url, 'chisel')
    assert.deepEqual(await probeNames(first.url), ['anvil', 'bucket', 'chisel'])

    for (const server of [first, second]) {
      assert.lengthOf(server.output().match(DEGRADED_LINE) ?? [], 1, server.output())
      assert.lengthOf(server.output().match(RECOVERED_LINE) ?? [], 1, server.output())
    }
  }).timeout(90_000)
})
