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
  return proxyAddr.compile(setting.split(',').map((entry) => entry.trim()))
}

export const appKey = env.get('APP_KEY')
export const appUrl = env.get('APP_URL', `http://${env.get('HOST')}:${env.get('PORT')}`)

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
