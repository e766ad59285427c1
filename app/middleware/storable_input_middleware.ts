import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { badRequest, invalidFields } from '#exceptions/catalog_errors'
import {
  UNSTORABLE_TEXT_REASON,
  isStorableText,
  unstorableTextPaths,
} from '#services/storable_text'

/**
 * Refuses input that PostgreSQL could not store or compare (a NUL character, an unpaired
 * surrogate) before any handler sees it: in a path segment or query parameter it is a 400,
 * in a JSON or form body a 422 naming each field. Without it such a value reaches a statement
 * and fails there, as a server error.
 */
export default class StorableInputMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    for (const [name, value] of Object.entries(ctx.params as Record<string, unknown>)) {
      if (typeof value === 'string' && !isStorableText(value)) {
        throw badRequest(`The path segment "${name}" ${UNSTORABLE_TEXT_REASON}.`)
      }
    }
    const inQuery = unstorableTextPaths(ctx.request.qs())
    if (inQuery.length) {
      throw badRequest(`The query parameter "${inQuery[0]}" ${UNSTORABLE_TEXT_REASON}.`, {
        parameters: inQuery,
      })
    }
    const inBody = unstorableTextPaths(ctx.request.body())
    if (inBody.length) {
      throw invalidFields(
        inBody.map((field) => ({
          field,
          rule: 'storableText',
          message: `The ${field} field ${UNSTORABLE_TEXT_REASON}`,
        }))
      )
    }
    return next()
  }
}
