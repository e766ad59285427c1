import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * An incoming id is kept only when it is a sane token, so a client cannot inject
 * arbitrary text into our logs or response headers.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** The id of a request: its X-Request-Id header when sane, a new UUID otherwise. */
export function requestIdFor(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID()
}

/**
 * Gives every request an id: the client's X-Request-Id when sane, a new UUID otherwise.
 * The id is echoed in the response and carried by every log line of the request.
 */
export default class RequestIdMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    const requestId = requestIdFor(ctx.request.header('x-request-id'))

    ctx.requestId = requestId
    // The framework copies the request's header into the response when it finishes.
    ctx.request.request.headers['x-request-id'] = requestId
    ctx.logger = ctx.logger.child({ requestId })
    ctx.response.header('X-Request-Id', requestId)
    return next()
  }
}

declare module '@adonisjs/core/http' {
  interface HttpContext {
    requestId: string
  }
}
