import env from '#start/env'
import { defineConfig } from '@adonisjs/core/bodyparser'

const limit = env.get('BODY_LIMIT', '1mb')

export default defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    types: ['application/x-www-form-urlencoded'],
    limit,
  },
  json: {
    convertEmptyStringsToNull: false,
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
      'application/merge-patch+json',
    ],
    limit,
  },
  /*
  | Multipart is turned on by the routes that take uploads (catalog imports); everything
  | else is JSON.
  */
  multipart: {
    autoProcess: false,
    convertEmptyStringsToNull: true,
    processManually: [],
    limit: '200mb',
    types: ['multipart/form-data'],
  },
})
