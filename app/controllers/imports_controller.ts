import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { HttpContext } from '@adonisjs/core/http'
import env from '#start/env'
import CatalogImport from '#models/catalog_import'
import ImportCatalogJob from '#jobs/import_catalog_job'
import { dispatch } from '#services/queue'
import { importsDirectory, storedNameFor } from '#services/catalog_import/import_uploads'
import { invalidField, notFound } from '#exceptions/catalog_errors'
import { ProblemException } from '#exceptions/problem_exception'
import { pageOf } from '#transformers/page_transformer'
import { importPageValidator, importUploadValidator } from '#validators/catalog_import'
import { serializeImport } from '#transformers/import_transformer'

/**
 * Catalog imports through the API (editors and admins): upload a file, which the worker
 * imports; follow its progress; read its error report.
 */
export default class ImportsController {
  /**
   * The upload streams to the imports directory (multipart is processed here only, within
   * IMPORT_UPLOAD_LIMIT), then an import job is queued and the import answered with 202.
   */
  async store({ auth, bouncer, request, response }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('import')
    if (request.bodyType !== 'multipart') {
      throw new ProblemException('Send the catalog as multipart/form-data, in the field "file".', {
        status: 415,
        slug: 'unsupported-media-type',
      })
    }
    const directory = importsDirectory()
    await mkdir(directory, { recursive: true })
    let upload: { fileName: string; path: string } | null = null
    request.multipart.onFile('file', {}, async (part, reportChunk) => {
      const fileName = part.filename || 'upload'
      const path = join(directory, storedNameFor(fileName))
      part.pause()
      part.on('data', reportChunk)
      try {
        await pipeline(part, createWriteStream(path))
      } catch (error) {
        await rm(path, { force: true })
        throw error
      }
      upload = { fileName, path }
      return { filePath: path }
    })
    try {
      await request.multipart.process({ limit: env.get('IMPORT_UPLOAD_LIMIT', '500mb') })
    } catch (error) {
      if (upload) await rm((upload as { path: string }).path, { force: true })
      throw error
    }
    const stored = upload as { fileName: string; path: string } | null
    if (!stored) throw invalidField('file', 'required', 'The file field is required')
    let fields
    try {
      fields = await importUploadValidator.validate(request.all())
    } catch (error) {
      await rm(stored.path, { force: true })
      throw error
    }

    const record = await CatalogImport.create({
      userId: auth.getUserOrFail().id,
      source: 'api',
      format: fields.format && fields.format !== 'auto' ? fields.format : null,
      fileName: stored.fileName,
      storedPath: stored.path,
      status: 'queued',
    })
    await dispatch(ImportCatalogJob, { importId: record.id, format: fields.format ?? 'auto' })
    await record.refresh()
    response.header('Location', `/api/v1/imports/${record.id}`)
    return response.accepted({ data: serializeImport(record) })
  }

  async index({ bouncer, request }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('import')
    const { page = 1, perPage = 20 } = await importPageValidator.validate(request.qs())
    const result = await CatalogImport.query().orderBy('id', 'desc').paginate(page, perPage)
    return pageOf(result, serializeImport)
  }

  async show({ bouncer, params }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('import')
    return { data: serializeImport(await this.find(params.id)) }
  }

  /** The error report: one entry per rejected row or field, in file order. */
  async errors({ bouncer, params, request }: HttpContext) {
    await bouncer.with('CatalogPolicy').authorize('import')
    const record = await this.find(params.id)
    const { page = 1, perPage = 100 } = await importPageValidator.validate(request.qs())
    const stored = record.errors.length
    return {
      data: record.errors.slice((page - 1) * perPage, page * perPage),
      meta: {
        total: stored,
        totalIsEstimate: false,
        perPage,
        currentPage: page,
        lastPage: Math.max(1, Math.ceil(stored / perPage)),
        nextCursor: null,
        errorsTotal: record.errorsTotal,
      },
    }
  }

  protected async find(id: string) {
    const record =
      /^[1-9][0-9]{0,9}$/.test(id) && Number(id) <= 2_147_483_647
        ? await CatalogImport.find(Number(id))
        : null
    if (!record) throw notFound('import', id)
    return record
  }
}
