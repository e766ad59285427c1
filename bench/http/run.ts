/*
|--------------------------------------------------------------------------
| HTTP benchmark: npm run bench:http -- --target name=URL [--target ...]
|--------------------------------------------------------------------------
|
| For each target: autocannon against the URL, then against a bare node:http server (its
| own process) answering the same bytes from memory, the machine's bound. Prints requests/s,
| p50 and p99 for both and their ratio. Prints figures; it is not a test and asserts nothing.
|
| Targets come from --target flags or BENCH_TARGETS ("name=URL,name=URL"). Typical after the
| catalog merge: a cached listing, the same listing on an instance started with
| CACHE_ENABLED=false, and a product by slug.
|
| --sql-bound URL (or BENCH_SQL_BOUND): a product listing URL (`?category=<slug>&sort=<key>`);
| the run also measures a bare node:http server running that listing's SQL per request
| (bench/http/bare_sql_server.ts, against DB_DATABASE), the bound of an uncached listing,
| and prints each target's ratio to it.
|
| Options: --duration seconds (10), --connections (64), --warmup seconds (2).
*/
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'

interface Figures {
  requestsPerSecond: number
  p50: number
  p99: number
  errors: number
}

const { values } = parseArgs({
  options: {
    'target': { type: 'string', multiple: true, default: [] },
    'duration': { type: 'string', default: '10' },
    'connections': { type: 'string', default: '64' },
    'warmup': { type: 'string', default: '2' },
    'sql-bound': { type: 'string' },
  },
})

const targets = [...values.target!, ...(process.env.BENCH_TARGETS?.split(',') ?? [])]
  .filter(Boolean)
  .map((spec) => {
    const at = spec.indexOf('=')
    if (at < 1) throw new Error(`A target is name=URL, got "${spec}"`)
    return { name: spec.slice(0, at), url: spec.slice(at + 1) }
  })
if (targets.length === 0) {
  console.error('Usage: npm run bench:http -- --target name=URL [--target name=URL ...]')
  process.exit(2)
}
const duration = Number(values.duration)
const connections = Number(values.connections)
const warmup = Number(values.warmup)

async function load(url: string, seconds: number): Promise<Figures> {
  const result = await autocannon({ url, connections, duration: seconds, pipelining: 1 })
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  }
}

async function bareServer(body: Buffer, contentType: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'bench-http-')), 'body')
  writeFileSync(file, body)
  return startBare('bench/http/bare_server.ts', [file, contentType])
}

async function startBare(script: string, args: string[]) {
  const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const [chunk] = await once(child.stdout!, 'data')
  return {
    url: `http://127.0.0.1:${String(chunk).trim()}/`,
    stop: async () => {
      child.kill('SIGTERM')
      await once(child, 'exit')
    },
  }
}

const rows: string[][] = []
for (const target of targets) {
  const probe = await fetch(target.url)
  const body = Buffer.from(await probe.arrayBuffer())
  if (!probe.ok) throw new Error(`${target.name}: ${target.url} answered ${probe.status}`)
  const contentType = probe.headers.get('content-type') ?? 'application/json'

  await load(target.url, warmup)
  const measured = await load(target.url, duration)

  const bare = await bareServer(body, contentType)
  await load(bare.url, warmup)
  const bound = await load(bare.url, duration)
  await bare.stop()

  rows.push([
    target.name,
    `${body.length}`,
    measured.requestsPerSecond.toFixed(0),
    `${measured.p50}`,
    `${measured.p99}`,
    `${measured.errors}`,
    bound.requestsPerSecond.toFixed(0),
    `${bound.p50}`,
    `${bound.p99}`,
    (measured.requestsPerSecond / bound.requestsPerSecond).toFixed(2),
  ])
}

const header = [
  'target',
  'bytes',
  'req/s',
  'p50 ms',
  'p99 ms',
  'errors',
  'bare req/s',
  'bare p50',
  'bare p99',
  'ratio',
]
const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((row) => row[column].length))
)
const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i])).join('  ')
console.log(
  `autocannon: ${connections} connections, ${duration} s per run (after ${warmup} s warm-up)`
)
console.log(line(header))
for (const row of rows) console.log(line(row))
console.log('ratio = target req/s / bare node:http req/s for the same bytes')

const sqlBound = values['sql-bound'] ?? process.env.BENCH_SQL_BOUND
if (sqlBound) {
  const listing = new URL(sqlBound).searchParams
  const bare = await startBare('bench/http/bare_sql_server.ts', [
    listing.get('category') ?? '',
    listing.get('sort') ?? '-createdAt',
    listing.get('perPage') ?? '24',
  ])
  const probe = await fetch(bare.url)
  const answer = await probe.arrayBuffer()
  const bytes = answer.byteLength
  if (!probe.ok) throw new Error(`the bare SQL server answered ${probe.status}`)
  await load(bare.url, warmup)
  const bound = await load(bare.url, duration)
  await bare.stop()
  console.log(
    `bare node:http running the listing SQL per request (${sqlBound}): ${bytes} bytes, ` +
      `${bound.requestsPerSecond.toFixed(0)} req/s, p50 ${bound.p50} ms, p99 ${bound.p99} ms, ` +
      `errors ${bound.errors}`
  )
  for (const row of rows) {
    console.log(
      `${row[0]} / bare SQL server: ${(Number(row[2]) / bound.requestsPerSecond).toFixed(2)}x`
    )
  }
}
for (let i = 0; i < rows.length; i++) {
  for (let j = i + 1; j < rows.length; j++) {
    const ratio = Number(rows[i][2]) / Number(rows[j][2])
    console.log(`${rows[i][0]} / ${rows[j][0]}: ${ratio.toFixed(2)}x`)
  }
}
