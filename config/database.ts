import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import type { PostgreConfig } from '@adonisjs/lucid/types/database'

/**
 * DATABASE_URL (what hosting platforms hand out) wins over the discrete DB_* settings.
 * Tests ignore it, so the suite can only ever reach the DB_* test database.
 */
const databaseUrl = app.inTest ? undefined : env.get('DATABASE_URL')
const connection = databaseUrl
  ? { connectionString: databaseUrl }
  : {
      host: env.get('DB_HOST', '127.0.0.1'),
      port: env.get('DB_PORT', 5432),
      user: env.get('DB_USER', 'postgres'),
      password: env.get('DB_PASSWORD')?.release(),
      database: env.get('DB_DATABASE', 'nexus_catalog'),
    }

const dbConfig = defineConfig({
  connection: 'postgres',
  prettyPrintDebugQueries: !app.inProduction,
  connections: {
    postgres: {
      client: 'pg',
      connection,
      pool: { min: 0, max: env.get('DB_POOL_MAX', 10), acquireTimeoutMillis: 10_000 },
      migrations: {
        naturalSort: true,
        paths: ['database/migrations'],
      },
      seeders: {
        paths: ['database/seeders'],
      },
      /*
      | Models declare their columns by hand; no generated database/schema.ts to keep in sync.
      */
      schemaGeneration: { enabled: false },
    },

    /*
    | The catalog listing's prepared statements whose best plan does not depend on the
    | values (category pages, cursors, facets, counts): PostgreSQL plans each once per
    | connection and reuses the plan, instead of re-planning on every request as its
    | default heuristic did for them (measured in bench/catalog.ts). Same database, own pool.
    */
    listing: {
      client: 'pg',
      connection: {
        ...connection,
        options: '-c plan_cache_mode=force_generic_plan',
      } as unknown as PostgreConfig['connection'],
      pool: { min: 0, max: env.get('DB_POOL_MAX', 10), acquireTimeoutMillis: 10_000 },
    },
  },
})

export default dbConfig
