import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import type pg from 'pg'
import { ensureDatabaseExists } from '#services/database_bootstrap'

/**
 * One step from an empty PostgreSQL server to a usable database: create it when absent,
 * run pending migrations, and optionally seed.
 */
export default class DbPrepare extends BaseCommand {
  static commandName = 'db:prepare'
  static description = 'Create the database when absent, run pending migrations, optionally seed'

  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Run the seeders afterwards (they skip data that exists)' })
  declare seed: boolean

  async run() {
    const config = this.app.config.get<{
      connections: { postgres: { connection: pg.ClientConfig } }
    }>('database')
    try {
      if (await ensureDatabaseExists(config.connections.postgres.connection)) {
        this.logger.success('Created the database')
      }
    } catch (error) {
      this.logger.error(`Cannot reach PostgreSQL: ${(error as Error).message}`)
      this.exitCode = 1
      return
    }

    const steps: [string, string[]][] = [['migration:run', ['--force']]]
    if (this.seed) steps.push(['db:seed', []])

    for (const [command, args] of steps) {
      const result = await this.kernel.exec(command, args)
      if (result.exitCode) {
        this.exitCode = result.exitCode
        return
      }
    }
  }
}
