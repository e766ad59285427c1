/*
|--------------------------------------------------------------------------
| Heap flags for the bulk commands
|--------------------------------------------------------------------------
|
| Imports, exports and the worker stream millions of short-lived rows. With
| V8's defaults, sized for this machine's memory, such a run reached about
| 500 MB of RSS for a live heap of about 50 MB: a young generation that grows
| to 2 × 64 MB, allocation-site pretenuring that sends the parser's objects
| straight to the old generation, and an old generation allowed to grow into
| gigabytes before it is collected (its freed pages are then kept). These
| commands restart once, before anything is loaded, with flags that keep them
| near 250 MB at the same speed (measured in README, "Bulk import").
|
| process.execve replaces the process: same pid, standard streams and
| signals. A flag the operator already gave (on the command line or in
| NODE_OPTIONS) is left as given; where execve does not exist (Windows), the
| command runs with the defaults.
|
*/

const BULK_COMMANDS = new Set(['catalog:import', 'catalog:export', 'queue:work'])

export const BULK_HEAP_FLAGS = [
  // A 16 MB semi-space: the parser's garbage dies young at the same speed as with 64 MB.
  '--max-semi-space-size=16',
  // Otherwise V8 learns that parsed rows survive (they wait for a batch) and old-allocates them.
  '--no-allocation-site-pretenuring',
  // About 5 times the live heap of an import: collected before it grows, and room to spare for
  // batches of large records.
  '--max-old-space-size=256',
]

/** The flags still to add for this command line (none for other commands, or once added). */
export function missingHeapFlags(argv: string[], execArgv: string[], nodeOptions = ''): string[] {
  if (!BULK_COMMANDS.has(argv.find((arg) => !arg.startsWith('-')) ?? '')) return []
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].map(flagName)
  return BULK_HEAP_FLAGS.filter((flag) => !given.includes(flagName(flag)))
}

/** `--max-old-space-size=256` → `max-old-space-size`; `--no-x` and `--x` name the same flag. */
function flagName(flag: string) {
  return flag
    .replace(/=.*$/, '')
    .replace(/^--(no-)?/, '')
    .replaceAll('_', '-')
}

/** Restarts this process with the bulk commands' heap flags when they are missing. */
export function restartWithHeapFlags() {
  const flags = missingHeapFlags(process.argv.slice(2), process.execArgv, process.env.NODE_OPTIONS)
  if (!flags.length || typeof process.execve !== 'function' || process.platform === 'win32') {
    return
  }
  process.execve(
    process.execPath,
    [process.execPath, ...process.execArgv, ...flags, ...process.argv.slice(1)],
    process.env
  )
}
