/*
|--------------------------------------------------------------------------
| Creates .env when it is missing and fills in absent secrets
|--------------------------------------------------------------------------
|
| Plain JavaScript with no dependencies, so it runs before anything is
| installed and on any Node version. Secrets are generated here, on the
| machine that uses them, and never committed.
|
*/
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'

const root = new URL('../', import.meta.url)
const envFile = new URL('.env', root)
const exampleFile = new URL('.env.example', root)

/**
 * Secrets that the set-up generates when they are absent or empty.
 */
const GENERATED_SECRETS = {
  APP_KEY: () => randomBytes(32).toString('base64url'),
  // The current access-token signing key; see README "Rotating the JWT key".
  JWT_SECRET: () => randomBytes(48).toString('base64url'),
}

const created = !existsSync(envFile)
let contents = created ? readFileSync(exampleFile, 'utf8') : readFileSync(envFile, 'utf8')
const filled = []

for (const [name, generate] of Object.entries(GENERATED_SECRETS)) {
  const line = new RegExp(`^${name}=(.*)$`, 'm')
  const match = contents.match(line)
  if (match && match[1].trim() !== '') continue
  const value = generate()
  contents = match
    ? contents.replace(line, `${name}=${value}`)
    : `${contents.trimEnd()}\n${name}=${value}\n`
  filled.push(name)
}

if (created || filled.length) {
  writeFileSync(envFile, contents, { mode: 0o600 })
  const what = filled.length ? ` (generated ${filled.join(', ')})` : ''
  console.log(`${created ? 'Created' : 'Updated'} .env${what}`)
}
