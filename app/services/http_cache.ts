import type { HttpContext } from '@adonisjs/core/http'

/** Public catalog reads may be cached briefly by browsers and CDNs, then revalidated by ETag. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=30'

/**
 * Answers a JSON body (already serialized) with an ETag; a matching If-None-Match gets an
 * empty 304 instead.
 */
export function sendCachedJson(ctx: HttpContext, body: string) {
  ctx.response.header('Cache-Control', PUBLIC_CACHE_CONTROL)
  ctx.response.header('Vary', 'Accept-Encoding')
  ctx.response.setEtag(body)
  if (ctx.response.fresh()) {
    ctx.response.status(304).send('')
    return
  }
  ctx.response.header('Content-Type', 'application/json; charset=utf-8').send(body)
}
