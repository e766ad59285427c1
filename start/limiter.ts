/*
|--------------------------------------------------------------------------
| Rate limits
|--------------------------------------------------------------------------
|
| Budgets for the endpoints that guess or send: login, registration and
| password reset. Counters live in Redis (config/limiter.ts), so they hold
| across API instances. Every 429 carries Retry-After.
|
*/
import limiter from '@adonisjs/limiter/services/main'

export const AUTH_LIMITS = {
  /*
  | Failed logins: 5 per account or 20 per IP within 15 minutes lock the login for 15 minutes.
  | A successful login clears the account's counter, never the IP's.
  */
  loginFailures: {
    perAccount: { requests: 5, duration: '15 mins', blockDuration: '15 mins' },
    perIp: { requests: 20, duration: '15 mins', blockDuration: '15 mins' },
  },
  registrationsPerIp: { requests: 10, duration: '1 hour' },
  passwordReset: {
    perAccount: { requests: 3, duration: '1 hour' },
    perIp: { requests: 10, duration: '1 hour' },
  },
}

export const throttleRegistration = limiter.define('register', (ctx) => {
  const { requests, duration } = AUTH_LIMITS.registrationsPerIp
  return limiter.allowRequests(requests).every(duration).usingKey(`ip:${ctx.request.ip()}`)
})
