import { createHash } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ProblemException } from '#exceptions/problem_exception'
import { idempotencyStore } from '#services/idempotency_store'

/** Visible ASCII, as the IETF Idempotency-Key draft and Stripe accept; UUIDs fit. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/

/**
 * `Idempotency-Key` on the creating POSTs (after `auth`: keys are scoped per user). The first
 * request with a key runs and, when it succeeds, its answer (status, body, Location) is kept
 * for 24 hours; a retry with the same key and body gets that answer again without creating
 * twice. Another body (or route) under the same key is a 422; a retry while the first is
 * still running is a 409. Failed requests free the key so the client can try again.
 */
export default class IdempotencyMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const key = ctx.request.header('idempotency-key')
    if (key === undefined) return next()
    if (!KEY_PATTERN.test(key)) {
      throw new ProblemException(
        'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice).',
        { status: 400, slug: 'bad-request' }
      )
    }
    const user = ctx.auth.getUserOrFail()
    const fingerprint = fingerprintOf(ctx)
    const claim = await idempotencyStore.claim(user.id, key, fingerprint)

    if (claim.kind === 'mismatch') {
      throw new ProblemException(
        'This Idempotency-Key was already used with another request body or route; use a new key for a new request.',
        { status: 422, slug: 'idempotency-key-reused', title: 'Idempotency key reused' }
      )
    }
    if (claim.kind === 'in-progress') {
      throw new ProblemException(
        'A request with this Idempotency-Key is still being processed; retry shortly.',
        { status: 409, slug: 'idempotency-key-in-use', headers: { 'Retry-After': '1' } }
      )
    }
    if (claim.kind === 'replay') {
      const { status, body, location } = claim.answer
      if (location) ctx.response.header('Location', location)
      ctx.response.header('Idempotent-Replayed', 'true')
      ctx.response.status(status).json(body)
      return
    }

    try {
      await next()
    } catch (error) {
      await idempotencyStore.release(user.id, key, claim.token)
      throw error
    }
    const status = ctx.response.getStatus()
    if (status >= 200 && status < 300) {
      const location = ctx.response.getHeader('location')
      await idempotencyStore.complete(user.id, key, fingerprint, {
        status,
        body: ctx.response.getBody() ?? null,
        location: location === undefined ? null : String(location),
      })
    } else {
      await idempotencyStore.release(user.id, key, claim.token)
    }
  }
}

/** The route and the body, with object keys sorted so key order does not count as a change. */
function fingerprintOf(ctx: HttpContext) {
  return createHash('sha256')
    .update(`${ctx.request.method()} ${ctx.request.url()}\n${canonicalJson(ctx.request.body())}`)
    .digest('base64url')
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
