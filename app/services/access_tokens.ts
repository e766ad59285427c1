import { randomUUID } from 'node:crypto'
import { SignJWT, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose'
import jwtConfig, { type JwtConfig } from '#config/jwt'
import { ProblemException } from '#exceptions/problem_exception'
import type User from '#models/user'

export interface AccessTokenClaims extends JWTPayload {
  sub: string
  role: string
  jti: string
  /** The refresh-token family (login session) the token was issued for. */
  sid?: string
}

export interface SignedAccessToken {
  token: string
  expiresIn: number
}

/**
 * An access token that cannot be accepted. Rendered as a 401 problem with the
 * `WWW-Authenticate` challenge of RFC 6750.
 */
export function invalidToken(detail: string) {
  return new ProblemException(detail, {
    status: 401,
    slug: 'invalid-token',
    title: 'Unauthorized',
    headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
  })
}

/**
 * Signs and verifies the short-lived JWT access tokens.
 */
export class AccessTokens {
  constructor(protected config: JwtConfig = jwtConfig) {}

  async sign(user: User, sessionId?: string): Promise<SignedAccessToken> {
    const { currentKey, algorithm, issuer, audience, accessTokenTtl } = this.config
    const now = Math.floor(Date.now() / 1000)
    const token = await new SignJWT({ role: user.role, ...(sessionId ? { sid: sessionId } : {}) })
      .setProtectedHeader({ alg: algorithm, kid: currentKey.kid, typ: 'JWT' })
      .setSubject(String(user.id))
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(now + accessTokenTtl)
      .setJti(randomUUID())
      .sign(currentKey.secret)
    return { token, expiresIn: accessTokenTtl }
  }

  /**
   * Returns the claims of a valid token or throws a 401 problem saying why it was refused.
   * Only the configured algorithm is accepted, which also refuses `alg: none`.
   */
  async verify(token: string): Promise<AccessTokenClaims> {
    const { keys, algorithm, issuer, audience, clockToleranceSeconds } = this.config
    let payload: JWTPayload
    try {
      const result = await jwtVerify(
        token,
        (header) => {
          const key = header.kid ? keys.get(header.kid) : undefined
          if (!key) throw invalidToken('The access token was signed with an unknown key')
          return key.secret
        },
        {
          algorithms: [algorithm],
          issuer,
          audience,
          clockTolerance: clockToleranceSeconds,
          requiredClaims: ['sub', 'iat', 'exp', 'jti'],
        }
      )
      payload = result.payload
    } catch (error) {
      throw this.toRejection(error)
    }

    if (payload.iat! > Math.floor(Date.now() / 1000) + clockToleranceSeconds) {
      throw invalidToken('The access token is not valid yet')
    }
    if (typeof payload.role !== 'string') {
      throw invalidToken('The access token has no role claim')
    }
    return payload as AccessTokenClaims
  }

  protected toRejection(error: unknown) {
    if (error instanceof ProblemException) return error
    if (error instanceof joseErrors.JWTExpired) {
      return invalidToken('The access token has expired')
    }
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      if (error.claim === 'nbf') return invalidToken('The access token is not valid yet')
      return invalidToken(`The access token's "${error.claim}" claim is not accepted`)
    }
    if (error instanceof joseErrors.JOSEAlgNotAllowed) {
      return invalidToken('The access token is signed with an algorithm that is not accepted')
    }
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
      return invalidToken('The access token signature is invalid')
    }
    if (error instanceof joseErrors.JOSEError) {
      return invalidToken('The access token is malformed')
    }
    return error
  }
}

export const accessTokens = new AccessTokens()
