import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { ProblemException } from '#exceptions/problem_exception'
import {
  type ProblemDocument,
  type ProblemFieldError,
  problemType,
  STATUS_SLUGS,
  statusTitle,
} from '#exceptions/problem'

interface FrameworkError {
  name?: string
  status?: number
  code?: string
  message?: string
  stack?: string
  messages?: unknown
  headers?: Record<string, string | number>
  getDefaultHeaders?: () => Record<string, string | number>
}

/**
 * Turns every error into an RFC 9457 problem+json answer. Client errors keep their message;
 * server errors say only that something went wrong (the stack stays in the log, and in the
 * answer only in development).
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = app.inDev

  async handle(error: unknown, ctx: HttpContext) {
    const problem = this.toProblem(error as FrameworkError, ctx)
    for (const [name, value] of Object.entries(this.headersOf(error))) {
      ctx.response.header(name, value)
    }
    ctx.response
      .status(problem.status)
      .header('Content-Type', 'application/problem+json; charset=utf-8')
      .send(JSON.stringify(problem))
  }

  protected toProblem(error: FrameworkError, ctx: HttpContext): ProblemDocument {
    const status = this.statusOf(error)
    const base = {
      instance: ctx.request.url(),
      requestId: ctx.requestId,
    }

    if (error instanceof ProblemException) {
      return {
        type: problemType(error.slug),
        title: error.title ?? statusTitle(status),
        status,
        detail: error.message,
        ...base,
        ...(error.errors ? { errors: error.errors } : {}),
        ...error.extensions,
      }
    }

    if (error.code === 'E_VALIDATION_ERROR' && Array.isArray(error.messages)) {
      return {
        type: problemType('validation-error'),
        title: 'Validation failed',
        status: 422,
        detail: 'The request has invalid fields; see "errors".',
        ...base,
        errors: (error.messages as ProblemFieldError[]).map(({ field, rule, message }) => ({
          field,
          rule,
          message,
        })),
      }
    }

    if (status >= 500) {
      return {
        type: problemType(STATUS_SLUGS[status] ?? 'internal-error'),
        title: statusTitle(status),
        status,
        detail:
          status === 503
            ? 'A service this request needs is unreachable for the moment; retry shortly.'
            : 'The server failed to answer this request. Quote the request id when reporting it.',
        ...base,
        ...(this.debug ? { stack: error.stack } : {}),
      }
    }

    return {
      type: problemType(STATUS_SLUGS[status] ?? 'client-error'),
      title: statusTitle(status),
      status,
      detail: this.clientDetail(error, status),
      ...base,
    }
  }

  /**
   * Known client errors get a status of their own; anything without one is a server error.
   */
  protected statusOf(error: FrameworkError) {
    if (error instanceof SyntaxError) return 400
    if (error.code === 'E_VALIDATION_ERROR') return 422
    if (isDependencyOutage(error)) return 503
    const status = Number(error.status)
    return Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500
  }

  protected clientDetail(error: FrameworkError, status: number) {
    if (error instanceof SyntaxError || error.code === 'E_INVALID_JSON') {
      return `The request body is not valid JSON: ${error.message}`
    }
    if (status === 413) return 'The request body is larger than the server accepts.'
    return error.message || statusTitle(status)
  }

  /**
   * Headers the error asks for. The limiter's 429 computes its Retry-After and X-RateLimit-*
   * headers on demand unless custom ones were set.
   */
  protected headersOf(error: unknown): Record<string, string> {
    if (error instanceof ProblemException) return error.headers
    if (isDependencyOutage(error as FrameworkError)) return { 'Retry-After': '5' }
    const framework = error as FrameworkError | undefined
    const headers =
      framework?.headers ??
      (typeof framework?.getDefaultHeaders === 'function'
        ? framework.getDefaultHeaders()
        : undefined)
    if (!headers || typeof headers !== 'object') return {}
    return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]))
  }
}

/**
 * PostgreSQL or Redis being unreachable is an outage of ours, not a bug: the client gets a
 * 503 with Retry-After instead of a 500.
 */
const OUTAGE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', '57P01'])

function isDependencyOutage(error: FrameworkError) {
  if (error.name === 'MaxRetriesPerRequestError') return true
  if (error.message === 'Connection is closed.') return true
  if (error.code && OUTAGE_CODES.has(error.code)) return true
  return /^(Knex: Timeout acquiring a connection|Connection terminated)/.test(error.message ?? '')
}
