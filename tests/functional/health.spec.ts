import { test } from '@japa/runner'

test.group('Health', () => {
  test('liveness answers without consulting dependencies', async ({ client }) => {
    const response = await client.get('/health/live')
    response.assertStatus(200)
    response.assertBody({ status: 'ok' })
  })

  test('readiness reports PostgreSQL and Redis as healthy', async ({ client, assert }) => {
    const response = await client.get('/health/ready')
    response.assertStatus(200)
    const checks = response.body().checks as { name: string; status: string }[]
    assert.includeMembers(
      checks.map((check) => check.name),
      ['Database health check (postgres)', 'Redis health check (main)', 'Catalog cache']
    )
    assert.isTrue(checks.every((check) => check.status === 'ok' || check.name.startsWith('Disk')))
  })
})
