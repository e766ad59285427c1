import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { ProblemException } from '#exceptions/problem_exception'
import { USER_LIST_PARAMS, listUsersValidator, updateUserValidator } from '#validators/user'
import { ListUsers } from '#queries/list_users'
import { userAdmin } from '#services/user_admin'
import { serializeUser } from '#transformers/user_transformer'
import { pageOf } from '#transformers/page_transformer'

/**
 * Account administration for admins.
 */
export default class UsersController {
  async index({ bouncer, request }: HttpContext) {
    await bouncer.with('UserPolicy').authorize('viewAny')
    const unknown = Object.keys(request.qs()).filter(
      (key) => !(USER_LIST_PARAMS as readonly string[]).includes(key)
    )
    if (unknown.length) {
      throw new ProblemException(`Unknown query parameter: ${unknown.join(', ')}`, {
        status: 400,
        slug: 'bad-request',
      })
    }
    const { page = 1, perPage = 20, ...filters } = await listUsersValidator.validate(request.qs())
    const result = await new ListUsers(filters).paginate(page, perPage)
    return pageOf(result, serializeUser)
  }

  async show({ bouncer, params }: HttpContext) {
    const user = await this.find(params.id)
    await bouncer.with('UserPolicy').authorize('view', user)
    return { data: serializeUser(user) }
  }

  async update({ bouncer, params, request }: HttpContext) {
    await bouncer.with('UserPolicy').authorize('administer')
    const changes = await request.validateUsing(updateUserValidator)
    const target = await this.find(params.id)
    const user = await userAdmin.update(target.id, changes)
    return { data: serializeUser(user) }
  }

  async destroy({ bouncer, params, response }: HttpContext) {
    await bouncer.with('UserPolicy').authorize('delete')
    const target = await this.find(params.id)
    await userAdmin.delete(target.id)
    return response.noContent()
  }

  protected async find(id: string) {
    const user = /^\d{1,9}$/.test(id) ? await User.find(Number(id)) : null
    if (!user) throw new ProblemException('No such user', { status: 404, slug: 'not-found' })
    return user
  }
}
