import type User from '#models/user'

/**
 * A user on the wire. The password hash never leaves the server.
 */
export function serializeUser(user: User) {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    status: user.status,
    emailVerifiedAt: user.emailVerifiedAt?.toUTC().toISO() ?? null,
    lastLoginAt: user.lastLoginAt?.toUTC().toISO() ?? null,
    createdAt: user.createdAt.toUTC().toISO()!,
    updatedAt: user.updatedAt.toUTC().toISO()!,
  }
}
