import { randomBytes } from 'node:crypto'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import User from '#models/user'
import { passwordCliValidator } from '#validators/user_cli'

/**
 * The first admin, so a fresh installation can be administered. Does nothing once any admin
 * exists, so re-running the seeders never duplicates or changes it.
 */
export default class AdminSeeder extends BaseSeeder {
  static environment = ['development', 'production']

  async run() {
    const admin = await User.query().where('role', 'admin').first()
    if (admin) return

    const email = env.get('SEED_ADMIN_EMAIL', 'admin@example.com').toLowerCase()
    const configured = env.get('SEED_ADMIN_PASSWORD')?.release()
    const password = configured || randomBytes(18).toString('base64url')
    if (configured) {
      const [error] = await passwordCliValidator.tryValidate({ password: configured })
      if (error) throw new Error(`SEED_ADMIN_PASSWORD is refused: ${error.messages[0].message}`)
    }

    const existing = await User.findByEmail(email)
    if (existing) {
      logger.warn(`${email} exists but is not an admin; promote it with "node ace user:role"`)
      return
    }
    await User.create({ email, password, role: 'admin', status: 'active', fullName: 'Admin' })
    if (configured) {
      console.log(`Created admin ${email} (password from SEED_ADMIN_PASSWORD)`)
    } else {
      console.log(`Created admin ${email} with password: ${password}\nIt is shown only once.`)
    }
  }
}
