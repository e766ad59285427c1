import type { HttpContext } from '@adonisjs/core/http'
import { openApiDocument } from '#openapi/main'

export default class OpenApiController {
  show({ response }: HttpContext) {
    response.header('Content-Type', 'application/json; charset=utf-8')
    return response.send(openApiDocument().json)
  }
}
