import type { HttpContext } from '@adonisjs/core/http'

/**
 * Who reads the catalog. Public reads need no token; when one is sent it must be valid (a bad
 * token is a 401, not a silent downgrade to the public view), and an editor's or admin's
 * token unlocks drafts and archived products.
 */
export async function catalogViewer(ctx: HttpContext) {
  if (!ctx.request.header('authorization')) return { authenticated: false, seesAllStatuses: false }
  await ctx.auth.authenticate()
  const seesAllStatuses = await ctx.bouncer.with('CatalogPolicy').allows('write')
  return { authenticated: true, seesAllStatuses }
}
