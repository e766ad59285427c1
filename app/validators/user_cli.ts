import vine from '@vinejs/vine'
import { emailRule, fullNameRule, newPasswordRule, roleRule, statusRule } from '#validators/rules'

/**
 * What the operator commands accept, with the API's rules.
 */
export const createUserCliValidator = vine.create({
  email: emailRule(),
  fullName: fullNameRule().optional(),
  role: roleRule(),
  password: newPasswordRule(),
})

export const emailCliValidator = vine.create({ email: emailRule() })

export const roleCliValidator = vine.create({ email: emailRule(), role: roleRule() })

export const passwordCliValidator = vine.create({ password: newPasswordRule() })

export const listUsersCliValidator = vine.create({
  role: roleRule().optional(),
  status: statusRule().optional(),
  search: vine.string().trim().maxLength(200).optional(),
})
