import vine from '@vinejs/vine'
import { roleRule, statusRule } from '#validators/rules'

export const USER_LIST_PARAMS = ['page', 'perPage', 'search', 'role', 'status'] as const

export const listUsersValidator = vine.create({
  page: vine.number().withoutDecimals().min(1).optional(),
  perPage: vine.number().withoutDecimals().min(1).max(100).optional(),
  search: vine.string().trim().maxLength(200).optional(),
  role: roleRule().optional(),
  status: statusRule().optional(),
})

export const updateUserValidator = vine.create({
  role: roleRule().optional(),
  status: statusRule().optional(),
})
