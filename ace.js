/*
|--------------------------------------------------------------------------
| JavaScript entrypoint for running ace commands
|--------------------------------------------------------------------------
|
| AdonisJS 7 needs Node.js 24. The version check runs before anything is
| imported, so an older Node prints one line instead of a stack trace.
|
*/
const [major] = process.versions.node.split('.').map(Number)
if (major < 24) {
  console.error(
    `Nexus Catalog needs Node.js 24 (this is ${process.version}): run "npx node ace ${process.argv.slice(2).join(' ')}" to use the pinned Node 24, or "npm run ace -- <command>".`
  )
  process.exit(1)
}

/**
 * Register the TypeScript hook (SWC-based) so the TypeScript sources can be imported as they are.
 */
await import('@poppinss/ts-exec')

/**
 * Import ace console entrypoint
 */
await import('./bin/console.js')
