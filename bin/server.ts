/*
|--------------------------------------------------------------------------
| HTTP server entry point
|--------------------------------------------------------------------------
|
| Started by "node ace serve" in development and as "node bin/server.js"
| from the production build. SIGTERM (and SIGINT) drain it gracefully: see
| app/services/graceful_shutdown.ts.
|
*/
import 'reflect-metadata'
import { createServer } from 'node:http'
import { Ignitor, prettyPrintError } from '@adonisjs/core'
import { type ShutdownOptions, gracefulShutdown } from '#services/graceful_shutdown'
import type { HotReads } from '#services/hot_reads'

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

// Imported once the app has booted: it reads the app's config.
let hotReads: HotReads

new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    app.booted(async () => {
      const module = await import('#services/hot_reads')
      hotReads = module.hotReads
    })
    const drain = async (signal: NodeJS.Signals) => {
      const logger = await app.container.make('logger')
      const options = app.config.get<ShutdownOptions>('app.shutdown')
      await gracefulShutdown.shutdown(app, options, logger, signal)
    }
    app.listen('SIGTERM', drain)
    app.listen('SIGINT', drain)
  })
  .httpServer()
  // Anonymous catalog reads already in the cache are answered before the framework's pipeline.
  .start((handler) => gracefulShutdown.track(createServer(hotReads.wrap(handler))))
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
