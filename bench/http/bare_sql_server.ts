/*
| The uncached listing's bound: a bare node:http server running, per request, the statements
| GET /api/v1/products runs for `?category=<slug>&sort=<key>&perPage=<n>` (the category
| subtree, then the page and its capped count side by side, from ProductListQuery), as
| prepared statements on a pg pool planned like the app's "listing" connection, and
| answering `{ data, meta }` built the same way (product JSON comes from PostgreSQL).
| Started by run.ts in its own process; prints its port on stdout. Connection settings
| come from DB_HOST, DB_PORT, DB_USER, DB_PASSWORD and DB_DATABASE.
*/
import { createServer } from 'node:http'
import pg from 'pg'
import ProductListQuery, {
  type PageRow,
  type SortKey,
} from '../../app/queries/product_list_query.js'

const [category, sort = '-createdAt', perPageText = '24'] = process.argv.slice(2)
const perPage = Number(perPageText)
const CAP = 1_000

const pool = new pg.Pool({
  host: process.env.DB_HOST ?? '127.0.0.1',
  port: Number(process.env.DB_PORT ?? 5432),
  user: process.env.DB_USER ?? 'postgres',
  password: process.env.DB_PASSWORD || undefined,
  database: process.env.DB_DATABASE ?? 'nexus_catalog',
  max: Number(process.env.DB_POOL_MAX ?? 10),
  options: '-c plan_cache_mode=force_generic_plan',
})

let statements = 0
const names = new Map<string, string>()
async function rows<Row>(text: string, values: unknown[]): Promise<Row[]> {
  let name = names.get(text)
  if (!name) names.set(text, (name = `bare_${++statements}`))
  const result = await pool.query({ name, text, values })
  return result.rows as Row[]
}

const SUBTREE = `SELECT d.id FROM categories c JOIN categories d ON d.path LIKE c.path || '%'
                  WHERE c.slug = $1 ORDER BY d.depth, d.position, d.id`

async function page(): Promise<string> {
  const listing = new ProductListQuery().status('active').sortBy(sort as SortKey)
  if (category) {
    const ids = await rows<{ id: number }>(SUBTREE, [category])
    listing.categories(ids.map((row) => row.id))
  }
  const statement = listing.pageSql({ limit: perPage + 1, offset: 0 })
  const count = listing.countSql(CAP)
  const [pageRows, [{ count: total }]] = await Promise.all([
    rows<PageRow>(statement.text, statement.values),
    rows<{ count: number }>(count.text, count.values),
  ])
  const items = pageRows.slice(0, perPage)
  const meta = {
    total,
    totalIsEstimate: false,
    perPage,
    currentPage: 1,
    lastPage: Math.max(1, Math.ceil(total / perPage)),
    nextCursor:
      pageRows.length > perPage
        ? Buffer.from(String(items.at(-1)!.id)).toString('base64url')
        : null,
  }
  return `{"data":[${items.map((row) => row.item).join(',')}],"meta":${JSON.stringify(meta)}}`
}

const server = createServer((_request, response) => {
  page().then(
    (body) => {
      response.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      })
      response.end(body)
    },
    (error: Error) => {
      response.writeHead(500)
      response.end(error.message)
    }
  )
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number }
  process.stdout.write(`${address.port}\n`)
})
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))))
