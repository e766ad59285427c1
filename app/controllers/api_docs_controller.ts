import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { HttpContext } from '@adonisjs/core/http'
import { ProblemException } from '#exceptions/problem_exception'

/**
 * Swagger UI's assets come from the swagger-ui-dist package, never from a CDN.
 */
const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
}

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Nexus Catalog API</title>
    <link rel="icon" href="/docs/assets/favicon-32x32.png" />
    <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>
`

/**
 * Kept in a file of its own so the page works under a Content-Security-Policy without
 * inline scripts.
 */
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true })\n`

export default class ApiDocsController {
  page({ response }: HttpContext) {
    response.header('Content-Type', 'text/html; charset=utf-8')
    return response.send(PAGE)
  }

  init({ response }: HttpContext) {
    response.header('Content-Type', 'text/javascript; charset=utf-8')
    return response.send(INIT_SCRIPT)
  }

  asset({ params, response }: HttpContext) {
    const contentType = ASSETS[params.file]
    if (!contentType) {
      throw new ProblemException(`No documentation asset named "${params.file}"`, {
        status: 404,
        slug: 'not-found',
      })
    }
    response.header('Content-Type', contentType)
    response.header('Cache-Control', 'public, max-age=86400')
    return response.download(join(swaggerUiDir, params.file))
  }
}
