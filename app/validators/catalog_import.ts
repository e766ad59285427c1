import vine from '@vinejs/vine'
import { IMPORT_FORMATS } from '#services/catalog_import/types'

/** The form fields beside the uploaded file of `POST /api/v1/imports`. */
export const importUploadValidator = vine.create({
  format: vine.enum([...IMPORT_FORMATS, 'auto'] as const).optional(),
})

/** Page through imports or an import's error report. */
export const importPageValidator = vine.create({
  page: vine.number().withoutDecimals().min(1).optional(),
  perPage: vine.number().withoutDecimals().min(1).max(100).optional(),
})
