import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The vocabulary of the catalog (words of titles and descriptions), one row per word. A search
 * word that is not in it is looked up here by trigram similarity ("keybord" → "keyboard") and
 * its close words replace it in the full-text query. Trigram matching against the vocabulary
 * costs far less than against every title of a large catalog.
 */
export default class extends BaseSchema {
  protected tableName = 'search_terms'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('term', 64).primary()
    })
    this.schema.raw(
      'CREATE INDEX search_terms_trgm_index ON search_terms USING gin (term gin_trgm_ops)'
    )
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
