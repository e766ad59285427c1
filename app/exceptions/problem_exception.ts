import { Exception } from '@adonisjs/core/exceptions'
import type { ProblemFieldError } from '#exceptions/problem'

export interface ProblemExceptionOptions {
  status: number
  slug: string
  title?: string
  errors?: ProblemFieldError[]
  headers?: Record<string, string>
  extensions?: Record<string, unknown>
}

/**
 * An error the client can act on, rendered as problem+json by the exception handler.
 * Throw it from services and actions: `throw new ProblemException('Category is not empty', {...})`.
 */
export class ProblemException extends Exception {
  readonly slug: string
  readonly title?: string
  readonly errors?: ProblemFieldError[]
  readonly headers: Record<string, string>
  readonly extensions: Record<string, unknown>

  constructor(detail: string, options: ProblemExceptionOptions) {
    super(detail, {
      status: options.status,
      code: `E_${options.slug.toUpperCase().replaceAll('-', '_')}`,
    })
    this.slug = options.slug
    this.title = options.title
    this.errors = options.errors
    this.headers = options.headers ?? {}
    this.extensions = options.extensions ?? {}
  }
}
