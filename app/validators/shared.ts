import vine from '@vinejs/vine'

/**
 * Rule factories shared by the resources' validators, so one rule has one definition.
 */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** A URL-safe slug: lower-case words joined by single hyphens. */
export const slugRule = () => vine.string().trim().toLowerCase().maxLength(160).regex(SLUG_PATTERN)

/** A display name or title. */
export const nameRule = (maxLength = 160) => vine.string().trim().minLength(1).maxLength(maxLength)

/** A database id. */
export const idRule = () => vine.number().withoutDecimals().positive()

/** Money as a decimal string with at most two decimals ("19.99"), never a float. */
export const moneyRule = () =>
  vine
    .string()
    .trim()
    .regex(/^(0|[1-9][0-9]{0,9})(\.[0-9]{1,2})?$/)

/** A count that cannot go below zero (stock, grams, positions). */
export const countRule = () => vine.number().withoutDecimals().min(0).max(2_147_483_647)
