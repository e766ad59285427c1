/*
| The machine's bound: a bare node:http server answering one response's bytes from memory.
| Started by run.ts in its own process (so it does not share an event loop with the load
| generator); prints its port on stdout.
*/
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'

const [bodyFile, contentType] = process.argv.slice(2)
const body = readFileSync(bodyFile)

const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': contentType, 'content-length': body.length })
  response.end(body)
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number }
  process.stdout.write(`${address.port}\n`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
