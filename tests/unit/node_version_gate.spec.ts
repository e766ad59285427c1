import { test } from '@japa/runner'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/**
 * The machine's own Node, which is older than 24 on our development machines. The npm
 * scripts put the pinned Node 24 in front of it.
 */
const SYSTEM_NODE = '/usr/bin/node'

function majorOf(nodeBinary: string) {
  const result = spawnSync(nodeBinary, ['-p', 'process.versions.node'], { encoding: 'utf8' })
  return Number(result.stdout.split('.')[0])
}

const olderNode = existsSync(SYSTEM_NODE) && majorOf(SYSTEM_NODE) < 24

test.group('ace.js on an older Node', () => {
  test('prints one line saying how to run it, not a stack trace', ({ assert }) => {
    const result = spawnSync(SYSTEM_NODE, ['ace.js', 'list'], { encoding: 'utf8' })
    assert.equal(result.status, 1)
    assert.equal(result.stdout, '')
    const lines = result.stderr.trim().split('\n')
    assert.lengthOf(lines, 1)
    assert.match(lines[0], /needs Node\.js 24/)
    assert.include(lines[0], 'npx node ace list')
  }).skip(!olderNode, `no Node older than 24 at ${SYSTEM_NODE}`)
})
