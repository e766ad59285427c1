import { mkdirSync, writeFileSync } from 'node:fs'
import type { NamedReporterContract } from '@japa/runner/types'

export const SUMMARY_FILE = 'tmp/test-summary.json'

/**
 * Prints the plain closing line `N passed, N failed` (with `, N skipped` when any) that CI
 * reads, and writes the same counts to tmp/test-summary.json for .ci/run.
 */
export const closingLine: NamedReporterContract = {
  name: 'closing-line',
  handler(runner, emitter) {
    emitter.on('runner:end', () => {
      const { aggregates } = runner.getSummary()
      const skipped = aggregates.skipped + aggregates.todo
      const failed = aggregates.failed
      const passed = aggregates.passed + aggregates.regression
      mkdirSync('tmp', { recursive: true })
      writeFileSync(SUMMARY_FILE, JSON.stringify({ passed, failed, skipped }))
      console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
    })
  },
}
