import type { HttpContext } from '@adonisjs/core/http'

/** Public catalog reads may be cached briefly by browsers and CDNs, then revalidated by ETag. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=30'

/**
 * An answer to a request with a token may show drafts and is about one person: no shared
 * cache may keep it, and no cache may serve it to anyone else.
 */
export const PRIVATE_CACHE_CONTROL = 'private, no-store'

/**
 * Answers a JSON body (already serialized) with an ETag; a matching If-None-Match gets an
 * empty 304 instead.
 */
export function sendCachedJson(ctx: HttpContext, body: string) {
  const withToken = Boolean(ctx.request.header('authorization'))
  ctx.response.header('Cache-Control', withToken ? PRIVATE_CACHE_CONTROL : PUBLIC_CACHE_CONTROL)
  ctx.response.header('Vary', 'Accept-Encoding, Authorization')
  ctx.response.setEtag(body)
  if (ctx.response.fresh()) {
    ctx.response.status(304).send('')
    return
  }
  ctx.response.header('Content-Type', 'application/json; charset=utf-8').send(body)
}
