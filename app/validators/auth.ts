import vine from '@vinejs/vine'
import { emailRule, fullNameRule, newPasswordRule } from '#validators/rules'

export const registerValidator = vine.create({
  email: emailRule(),
  password: newPasswordRule(),
  fullName: fullNameRule().optional(),
})

export const loginValidator = vine.create({
  email: vine.string().trim().maxLength(254).toLowerCase(),
  password: vine.string().maxLength(256),
})

export const refreshTokenValidator = vine.create({
  refreshToken: vine.string().maxLength(200),
})

export const updateProfileValidator = vine.create({
  fullName: fullNameRule().nullable().optional(),
})

export const changePasswordValidator = vine.create({
  currentPassword: vine.string().maxLength(256),
  newPassword: newPasswordRule(),
})

export const passwordResetRequestValidator = vine.create({
  email: vine.string().trim().maxLength(254).toLowerCase(),
})

export const passwordResetConfirmValidator = vine.create({
  token: vine.string().maxLength(200),
  password: newPasswordRule(),
})
