import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import app from '@adonisjs/core/services/app'
import env from '#start/env'

/** Where uploaded and queued catalog files wait for the worker (IMPORTS_DIR). */
export function importsDirectory() {
  return env.get('IMPORTS_DIR') ?? app.makePath('storage/imports')
}

/** A stored file's name: unique, and keeping a safe form of the original name for people. */
export function storedNameFor(fileName: string) {
  const safe = fileName.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-80)
  return `${randomUUID()}-${safe}`
}

/**
 * Copies a catalog (a path, or a stream such as standard input) into the imports directory,
 * streaming, and returns the stored path. The worker reads it from there.
 */
export async function storeUpload(input: string | Readable, fileName: string): Promise<string> {
  const directory = importsDirectory()
  await mkdir(directory, { recursive: true })
  const path = join(directory, storedNameFor(fileName))
  try {
    await pipeline(
      typeof input === 'string' ? createReadStream(input) : input,
      createWriteStream(path)
    )
  } catch (error) {
    await rm(path, { force: true })
    throw error
  }
  return path
}
