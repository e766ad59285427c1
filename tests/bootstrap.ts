import { assert } from '@japa/assert'
import { spec } from '@japa/runner/reporters'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import testUtils from '@adonisjs/core/services/test_utils'
import redis from '@adonisjs/redis/services/main'
import type pg from 'pg'
import { createServer } from 'node:http'
import { ensureDatabaseExists } from '#services/database_bootstrap'
import { hotReads } from '#services/hot_reads'
import { closingLine } from '#tests/reporters/closing_line'

export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  pluginAdonisJS(app),
  authApiClient(app),
]

export const reporters: Config['reporters'] = {
  activated: ['spec', 'closing-line'],
  list: [spec(), closingLine],
}

/**
 * Once per run: the test database is created when absent and migrated from scratch, and
 * the test Redis index starts empty.
 */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    async () => {
      const config = app.config.get<{
        connections: { postgres: { connection: pg.ClientConfig } }
      }>('database')
      await ensureDatabaseExists(config.connections.postgres.connection)
    },
    () => testUtils.db().migrate(),
    async () => {
      await redis.flushdb()
    },
  ],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional', 'e2e'].includes(suite.name)) {
    // The server the API runs with (bin/server.ts): cached reads are answered by HotReads.
    return suite.setup(() =>
      testUtils.httpServer().start((handler) => createServer(hotReads.wrap(handler)))
    )
  }
}
