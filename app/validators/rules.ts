import vine from '@vinejs/vine'
import { COMMON_PASSWORDS } from '#validators/common_passwords'
import { USER_ROLES, USER_STATUSES } from '#models/user'

export const PASSWORD_MIN_LENGTH = 12

const notCommonPassword = vine.createRule((value, _options, field) => {
  if (typeof value === 'string' && COMMON_PASSWORDS.has(value.toLowerCase())) {
    field.report('This password is too common; choose another', 'commonPassword', field)
  }
})

/**
 * Rule factories shared by the auth and user validators, so each rule exists once.
 */
export const emailRule = () => vine.string().trim().email().maxLength(254).toLowerCase()
export const newPasswordRule = () =>
  vine.string().minLength(PASSWORD_MIN_LENGTH).maxLength(256).use(notCommonPassword())
export const fullNameRule = () => vine.string().trim().minLength(1).maxLength(200)
export const roleRule = () => vine.enum(USER_ROLES)
export const statusRule = () => vine.enum(USER_STATUSES)
