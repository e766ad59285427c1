import vine from '@vinejs/vine'
import { countRule, idRule, nameRule, slugRule } from '#validators/shared'

const categoryFields = () => ({
  name: nameRule(),
  slug: slugRule().optional(),
})

export const createCategoryValidator = vine.create({
  ...categoryFields(),
  parentId: idRule().nullable().optional(),
  position: countRule().optional(),
  isActive: vine.boolean().optional(),
})

export const renameCategoryValidator = vine.create({
  ...categoryFields(),
  isActive: vine.boolean().optional(),
})

export const moveCategoryValidator = vine.create({
  parentId: idRule().nullable(),
  position: countRule().optional(),
})

/** The children of one parent (null: the roots) in their new order. */
export const reorderCategoriesValidator = vine.create({
  parentId: idRule().nullable(),
  ids: vine.array(idRule()).minLength(1).maxLength(1000).distinct(),
})

export const categoryListValidator = vine.create({
  format: vine.enum(['tree', 'flat'] as const).optional(),
})
