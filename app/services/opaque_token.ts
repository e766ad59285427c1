import { createHash, randomBytes } from 'node:crypto'

/**
 * Opaque tokens handed to clients: 256 random bits. Only their SHA-256 is stored, so a copy of
 * the database does not let anyone use them; a fast hash suffices because they are random.
 */
export function generateOpaqueToken() {
  const value = randomBytes(32).toString('base64url')
  return { value, hash: hashOpaqueToken(value) }
}

export function hashOpaqueToken(value: string) {
  return createHash('sha256').update(value).digest('hex')
}
