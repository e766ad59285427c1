import { createHash, randomUUID } from 'node:crypto'
import redis from '@adonisjs/redis/services/main'

/** How long a completed answer is replayed for the same key. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60
/**
 * How long a request in flight holds its key. Short, so a crashed process frees the key soon;
 * far above any write's duration.
 */
export const IDEMPOTENCY_LOCK_SECONDS = 60

export interface StoredAnswer {
  status: number
  body: unknown
  location: string | null
}

type Entry =
  | { state: 'pending'; fingerprint: string; token: string }
  | ({ state: 'done'; fingerprint: string } & StoredAnswer)

export type Claim =
  | { kind: 'claimed'; token: string }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'mismatch' }
  | { kind: 'in-progress' }

/** Deletes the key only while it still holds this request's pending entry. */
const RELEASE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current and cjson.decode(current).token == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`

/**
 * Idempotency keys in Redis, one entry per user and key: `SET NX` lets exactly one request
 * claim a key, the answer replaces the claim when it succeeds, and Redis expires both.
 */
export class IdempotencyStore {
  keyFor(userId: number, key: string) {
    return `idempotency:${userId}:${createHash('sha256').update(key).digest('base64url')}`
  }

  async claim(userId: number, key: string, fingerprint: string): Promise<Claim> {
    const redisKey = this.keyFor(userId, key)
    const token = randomUUID()
    const pending: Entry = { state: 'pending', fingerprint, token }
    const claimed = await redis.set(
      redisKey,
      JSON.stringify(pending),
      'EX',
      IDEMPOTENCY_LOCK_SECONDS,
      'NX'
    )
    if (claimed === 'OK') return { kind: 'claimed', token }

    const raw = await redis.get(redisKey)
    // Expired or released between the two commands: try once more.
    if (raw === null) return this.claim(userId, key, fingerprint)
    const entry = JSON.parse(raw) as Entry
    if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' }
    if (entry.state === 'pending') return { kind: 'in-progress' }
    return {
      kind: 'replay',
      answer: { status: entry.status, body: entry.body, location: entry.location },
    }
  }

  async complete(userId: number, key: string, fingerprint: string, answer: StoredAnswer) {
    const entry: Entry = { state: 'done', fingerprint, ...answer }
    await redis.set(this.keyFor(userId, key), JSON.stringify(entry), 'EX', IDEMPOTENCY_TTL_SECONDS)
  }

  async release(userId: number, key: string, token: string) {
    await redis.eval(RELEASE_SCRIPT, 1, this.keyFor(userId, key), token)
  }
}

export const idempotencyStore = new IdempotencyStore()
