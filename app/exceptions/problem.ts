import { STATUS_CODES } from 'node:http'

/**
 * One entry of a validation problem: which field, which rule, and a message for people.
 */
export interface ProblemFieldError {
  field: string
  rule: string
  message: string
}

/**
 * An RFC 9457 problem document. `type` is a relative URI naming the kind of problem;
 * extension members (like `errors` or `requestId`) sit beside the standard ones.
 */
export interface ProblemDocument {
  type: string
  title: string
  status: number
  detail: string
  instance: string
  requestId?: string
  errors?: ProblemFieldError[]
  [extension: string]: unknown
}

export function problemType(slug: string) {
  return `/problems/${slug}`
}

export function statusTitle(status: number) {
  return STATUS_CODES[status] ?? 'Error'
}

/**
 * Slugs used as problem types for the framework's own errors, by status.
 */
export const STATUS_SLUGS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'validation-error',
  429: 'too-many-requests',
  500: 'internal-error',
  503: 'service-unavailable',
}
