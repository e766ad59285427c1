import { test } from '@japa/runner'
import { canonicalQuery, etagOf, queryKey } from '#services/catalog_cache'
import { cacheControlFor, etagMatches } from '#services/http_cache_rules'

test.group('Catalog cache keys', () => {
  test('the same filters in another order share one key', ({ assert }) => {
    assert.equal(
      queryKey('products', { category: 'shoes', sort: 'price', page: 1, perPage: 24 }),
      queryKey('products', { perPage: 24, page: 1, sort: 'price', category: 'shoes' })
    )
  })

  test('absent values and list order do not change the key', ({ assert }) => {
    const parsed = { brand: ['nike', 'adidas'], q: undefined, tags: [], inStock: null, page: 1 }
    assert.equal(
      canonicalQuery(parsed),
      canonicalQuery({ page: 1, brand: ['adidas', 'nike', 'adidas'] })
    )
    assert.equal(canonicalQuery(parsed), '[["brand",["adidas","nike"]],["page",1]]')
  })

  test('a different value is a different key', ({ assert }) => {
    const base = { category: 'shoes', sort: 'price', page: 1 }
    const key = queryKey('products', base)
    assert.notEqual(key, queryKey('products', { ...base, page: 2 }))
    assert.notEqual(key, queryKey('products', { ...base, sort: '-price' }))
    assert.notEqual(key, queryKey('products', { ...base, page: '1' }))
    assert.notEqual(key, queryKey('facets', base))
    assert.match(key, /^products:[\w-]{32}$/)
  })

  test('nested objects and dates are canonical too', ({ assert }) => {
    const at = new Date('2026-01-02T03:04:05Z')
    assert.equal(
      canonicalQuery({ price: { min: 1, max: 9 }, since: at }),
      canonicalQuery({ since: new Date(at.getTime()), price: { max: 9, min: 1 } })
    )
  })
})

test.group('HTTP caching helpers', () => {
  test('an ETag is strong, quoted and follows the bytes', ({ assert }) => {
    const etag = etagOf('{"data":[]}')
    assert.match(etag, /^"[\w-]{27}"$/)
    assert.equal(etag, etagOf('{"data":[]}'))
    assert.notEqual(etag, etagOf('{"data":[1]}'))
  })

  test('If-None-Match matches a listed, weak or wildcard tag and nothing else', ({ assert }) => {
    const etag = etagOf('x')
    assert.isTrue(etagMatches(etag, etag))
    assert.isTrue(etagMatches(`"other", W/${etag}`, etag))
    assert.isTrue(etagMatches('*', etag))
    assert.isFalse(etagMatches('"other"', etag))
    assert.isFalse(etagMatches(undefined, etag))
    assert.isFalse(etagMatches('', etag))
  })

  test('Cache-Control is public for anonymous reads and private for authenticated ones', ({
    assert,
  }) => {
    assert.equal(
      cacheControlFor(false, { maxAge: 30, staleWhileRevalidate: 120 }),
      'public, max-age=30, stale-while-revalidate=120'
    )
    assert.equal(cacheControlFor(true, { maxAge: 30 }), 'private, no-store')
  })
})
