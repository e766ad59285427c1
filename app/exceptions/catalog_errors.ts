import { ProblemException } from '#exceptions/problem_exception'

/**
 * The client errors the catalog's actions and queries raise, in one place so each kind keeps
 * one status and one problem type whatever calls the action (HTTP, importer, Ace).
 */
export function notFound(resource: string, key: string | number) {
  return new ProblemException(`No ${resource} matches "${key}".`, {
    status: 404,
    slug: 'not-found',
  })
}

export function conflict(detail: string) {
  return new ProblemException(detail, { status: 409, slug: 'conflict' })
}

export function badRequest(detail: string, extensions?: Record<string, unknown>) {
  return new ProblemException(detail, { status: 400, slug: 'bad-request', extensions })
}

/**
 * A field-level error found after the validator passed (a foreign key that does not exist,
 * a slug or SKU that is taken), shaped exactly like VineJS's validation errors.
 */
export function invalidField(field: string, rule: string, message: string) {
  return invalidFields([{ field, rule, message }])
}

export function invalidFields(errors: { field: string; rule: string; message: string }[]) {
  return new ProblemException('The request has invalid fields; see "errors".', {
    status: 422,
    slug: 'validation-error',
    title: 'Validation failed',
    errors,
  })
}
