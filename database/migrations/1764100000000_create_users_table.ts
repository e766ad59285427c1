import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'users'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('email', 254).notNullable()
      table.string('password').notNullable()
      table.string('full_name', 200).nullable()
      table.enum('role', ['admin', 'editor', 'customer']).notNullable().defaultTo('customer')
      table.enum('status', ['active', 'disabled']).notNullable().defaultTo('active')
      table.timestamp('email_verified_at', { useTz: true }).nullable()
      table.timestamp('last_login_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['role', 'status'])
    })
    // Emails are stored lower-cased; the index makes uniqueness hold whatever the case.
    this.schema.raw('CREATE UNIQUE INDEX users_email_lower_unique ON users (lower(email))')
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
