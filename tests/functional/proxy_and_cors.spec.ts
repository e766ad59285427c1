import { test } from '@japa/runner'
import { type ServerProcess, startServerProcess } from '#tests/helpers/server_process'

interface ClientView {
  ip: string
  ips: string[]
  protocol: string
  hostname: string
}

async function clientAsSeenBy(server: ServerProcess, headers: Record<string, string>) {
  const response = await fetch(`${server.url}/__tests__/client`, { headers })
  return (await response.json()) as ClientView
}

/**
 * Headers a reverse proxy on this machine (loopback) adds when it forwards a request from
 * the client 203.0.113.7 that reached it over HTTPS.
 */
const forwarded = {
  'x-forwarded-for': '203.0.113.7',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'shop.example.com',
}

/**
 * The API reads both settings at boot, so each test starts it as a process of its own.
 */
test.group('Proxy trust from TRUST_PROXY', () => {
  test('loopback: a local proxy is trusted, and only the nearest hop', async ({
    assert,
    cleanup,
  }) => {
    const server = await startServerProcess({ TRUST_PROXY: 'loopback' })
    cleanup(async () => {
      await server.stop('SIGKILL')
    })

    assert.containsSubset(await clientAsSeenBy(server, forwarded), {
      ip: '203.0.113.7',
      protocol: 'https',
      hostname: 'shop.example.com',
    })
    const twoHops = await clientAsSeenBy(server, { 'x-forwarded-for': '198.51.100.1, 10.1.2.3' })
    assert.equal(twoHops.ip, '10.1.2.3', 'the untrusted hop 10.1.2.3 is the client')
  }).timeout(60_000)

  test('false: forwarded headers are ignored', async ({ assert, cleanup }) => {
    const server = await startServerProcess({ TRUST_PROXY: 'false' })
    cleanup(async () => {
      await server.stop('SIGKILL')
    })

    assert.containsSubset(await clientAsSeenBy(server, forwarded), {
      ip: '127.0.0.1',
      protocol: 'http',
      hostname: '127.0.0.1',
    })
  }).timeout(60_000)

  test('a list of subnets and presets trusts every hop it names', async ({ assert, cleanup }) => {
    const server = await startServerProcess({ TRUST_PROXY: '10.0.0.0/8, loopback' })
    cleanup(async () => {
      await server.stop('SIGKILL')
    })

    const view = await clientAsSeenBy(server, { 'x-forwarded-for': '198.51.100.1, 10.1.2.3' })
    assert.equal(view.ip, '198.51.100.1')
    assert.deepEqual(view.ips, ['127.0.0.1', '10.1.2.3', '198.51.100.1'], 'nearest hop first')
  }).timeout(60_000)

  test('a value that is not an address, subnet or preset stops the boot naming it', async ({
    assert,
  }) => {
    await assert.rejects(
      () => startServerProcess({ TRUST_PROXY: 'loopback, not-an-address' }),
      /TRUST_PROXY/
    )
  }).timeout(60_000)
})

test.group('CORS origins from CORS_ORIGINS', () => {
  const preflight = (server: ServerProcess, origin: string) =>
    fetch(`${server.url}/health/live`, {
      method: 'OPTIONS',
      headers: { 'origin': origin, 'access-control-request-method': 'GET' },
    })

  test('a list allows exactly the origins it names', async ({ assert, cleanup }) => {
    const server = await startServerProcess({
      CORS_ORIGINS: 'https://shop.example.com, https://admin.example.com',
    })
    cleanup(async () => {
      await server.stop('SIGKILL')
    })

    const allowed = await preflight(server, 'https://admin.example.com')
    assert.equal(allowed.status, 204)
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://admin.example.com')
    assert.equal(allowed.headers.get('access-control-allow-credentials'), 'true')

    const refused = await preflight(server, 'https://evil.example.net')
    assert.isNull(refused.headers.get('access-control-allow-origin'))

    const simple = await fetch(`${server.url}/health/live`, {
      headers: { origin: 'https://shop.example.com' },
    })
    assert.equal(simple.headers.get('access-control-allow-origin'), 'https://shop.example.com')
    assert.include(simple.headers.get('access-control-expose-headers') ?? '', 'x-request-id')
    // Browser clients of the write API read these.
    assert.include(simple.headers.get('access-control-expose-headers') ?? '', 'location')
    assert.include(simple.headers.get('access-control-expose-headers') ?? '', 'idempotent-replayed')
  }).timeout(60_000)

  test('"*" allows any origin', async ({ assert, cleanup }) => {
    const server = await startServerProcess({ CORS_ORIGINS: '*' })
    cleanup(async () => {
      await server.stop('SIGKILL')
    })

    const response = await preflight(server, 'https://anywhere.example.org')
    assert.equal(response.status, 204)
    assert.equal(
      response.headers.get('access-control-allow-origin'),
      'https://anywhere.example.org'
    )
  }).timeout(60_000)
})
