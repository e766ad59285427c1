import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/http'
import proxyAddr from 'proxy-addr'

/**
 * TRUST_PROXY is "true", "false", or a comma-separated list of addresses, subnets or the
 * presets proxy-addr knows ("loopback", "linklocal", "uniquelocal"). Defaults to loopback only.
 */
function trustProxy(setting = 'loopback') {
  if (setting === 'true') return () => true
  if (setting === 'false') return () => false
  const entries = setting
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  try {
    return proxyAddr.compile(entries)
  } catch (error) {
    throw new Error(
      `Value for environment variable "TRUST_PROXY" must be true, false or a list of addresses, subnets or presets: ${(error as Error).message}`
    )
  }
}

export const appKey = env.get('APP_KEY')
export const appUrl = env.get('APP_URL', `http://${env.get('HOST')}:${env.get('PORT')}`)

/**
 * Graceful shutdown of the HTTP server (bin/server.ts): on SIGTERM readiness fails at once;
 * after `drainDelay` the server stops accepting connections, finishes the requests in flight
 * and closes PostgreSQL and Redis. Past `timeout` the process exits with 1 regardless.
 */
export const shutdown = {
  timeout: env.get('SHUTDOWN_TIMEOUT', 25_000),
  drainDelay: env.get('SHUTDOWN_DRAIN_DELAY', 0),
}

export const http = defineConfig({
  /*
  | Request ids are handled by our own middleware, which validates an incoming X-Request-Id.
  */
  generateRequestId: false,
  allowMethodSpoofing: false,
  useAsyncLocalStorage: true,
  etag: false,
  trustProxy: trustProxy(env.get('TRUST_PROXY')),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
