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

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((app) => {
    app.booting(async () => {
      await import('#start/env')
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
  .start((handler) => gracefulShutdown.track(createServer(handler)))
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
