import vine from '@vinejs/vine'
import { nameRule, slugRule } from '#validators/shared'

const brandFields = () => ({
  name: nameRule(),
  slug: slugRule().optional(),
})

export const createBrandValidator = vine.create(brandFields())

export const updateBrandValidator = vine.create({
  name: nameRule().optional(),
  slug: slugRule().optional(),
})
