import { createHash } from 'node:crypto'
import env from '#start/env'
import string from '@adonisjs/core/helpers/string'

export interface JwtKey {
  kid: string
  secret: Uint8Array
}

/**
 * The key id is derived from the secret, so rotating means only moving the current secret
 * into JWT_PREVIOUS_SECRETS and generating a new one; no ids to keep in step.
 */
export function keyFor(secret: string): JwtKey {
  if (secret.length < 32) {
    throw new Error('JWT secrets must be at least 32 characters long')
  }
  const kid = createHash('sha256').update(secret).digest('base64url').slice(0, 16)
  return { kid, secret: new TextEncoder().encode(secret) }
}

const currentKey = keyFor(env.get('JWT_SECRET').release())
const previousKeys = (env.get('JWT_PREVIOUS_SECRETS')?.release() ?? '')
  .split(',')
  .map((secret) => secret.trim())
  .filter(Boolean)
  .map(keyFor)

/**
 * Access tokens are HS256 JWTs; only this algorithm is accepted when verifying.
 */
const jwtConfig = {
  algorithm: 'HS256' as const,
  issuer: env.get('JWT_ISSUER', 'nexus-catalog'),
  audience: env.get('JWT_AUDIENCE', 'nexus-catalog-api'),
  accessTokenTtl: string.seconds.parse(env.get('JWT_ACCESS_TTL', '15m')),
  refreshTokenTtl: string.seconds.parse(env.get('REFRESH_TOKEN_TTL', '30d')),
  /*
  | Leeway for clocks of different machines when checking exp, nbf and iat.
  */
  clockToleranceSeconds: 5,
  currentKey,
  keys: new Map([currentKey, ...previousKeys].map((key) => [key.kid, key])),
}

export type JwtConfig = typeof jwtConfig

export default jwtConfig
