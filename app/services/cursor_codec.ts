import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import { appKey } from '#config/app'
import { badRequest } from '#exceptions/catalog_errors'

/**
 * Opaque, tamper-evident keyset cursors: a base64url JSON payload and an HMAC-SHA256 of it,
 * keyed by a subkey derived from APP_KEY. The payload carries the last row's sort key and a
 * fingerprint of the filters and sort it was issued for, so a cursor cannot be edited to jump
 * elsewhere nor reused with other filters.
 */
let key: Buffer | undefined

function signingKey() {
  key ??= Buffer.from(hkdfSync('sha256', appKey.release(), '', 'nexus.cursor.v1', 32))
  return key
}

function sign(payload: string) {
  return createHmac('sha256', signingKey()).update(payload).digest()
}

export function encodeCursor(data: unknown) {
  const payload = Buffer.from(JSON.stringify(data)).toString('base64url')
  return `${payload}.${sign(payload).toString('base64url')}`
}

export function decodeCursor<T>(cursor: string): T {
  const invalid = () =>
    badRequest('The cursor is not valid; start again from the first page.', {
      pointer: 'cursor',
    })
  const [payload, signature, extra] = cursor.split('.')
  if (!payload || !signature || extra !== undefined) throw invalid()
  const expected = sign(payload)
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid()
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as T
  } catch {
    throw invalid()
  }
}
