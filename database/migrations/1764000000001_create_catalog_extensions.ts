import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * pg_trgm gives product search its typo and prefix tolerance (trigram similarity on titles).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm')
  }

  async down() {
    // Other databases objects may use the extension; it is left in place on purpose.
  }
}
