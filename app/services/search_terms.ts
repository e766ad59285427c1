import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** Words worth indexing and correcting: letters only, three or more of them. */
export function wordsOf(text: string) {
  return [...new Set(text.toLowerCase().match(/\p{L}{3,64}/gu) ?? [])]
}

/**
 * Adds a product's title words to the search vocabulary (words are never removed: a stale
 * word only offers a correction that finds nothing).
 */
export async function recordSearchTerms(trx: TransactionClientContract, title: string) {
  const words = wordsOf(title)
  if (!words.length) return
  await trx.rawQuery(
    'INSERT INTO search_terms (term) SELECT unnest(?::text[]) ON CONFLICT (term) DO NOTHING',
    [words]
  )
}

/**
 * Rebuilds the vocabulary from every product title in one statement (bulk loads: the demo
 * seeder, the benchmark, imports).
 */
export const REBUILD_SEARCH_TERMS_SQL = `
  INSERT INTO search_terms (term)
  SELECT DISTINCT w FROM products, regexp_split_to_table(lower(title), '[^[:alpha:]]+') AS w
   WHERE length(w) BETWEEN 3 AND 64
  ON CONFLICT (term) DO NOTHING`

export type RowsRunner = <Row>(text: string, values: unknown[]) => Promise<Row[]>

/**
 * The corrections statement: for each query word missing from the vocabulary, the two most
 * similar known words (pg_trgm `%`, served by the trigram index on the small vocabulary).
 */
export const CORRECTIONS_SQL = `
  SELECT q.word, t.term
    FROM unnest($1::text[]) AS q(word)
    CROSS JOIN LATERAL (
      SELECT term FROM search_terms
       WHERE term % q.word
         AND NOT EXISTS (SELECT 1 FROM search_terms s WHERE s.term = q.word)
       ORDER BY similarity(term, q.word) DESC, term
       LIMIT 2
    ) AS t`

/**
 * Turns what a shopper typed into a tsquery: every word must match (AND), as typed (stemmed)
 * or as one of its corrections ("keybord" finds "keyboard"); the last word also as a prefix,
 * since it may be unfinished ("lam" finds "lamp"). Earlier words are not prefixes: expanding
 * every word costs index work for nothing once the shopper has typed past it.
 * Null when nothing searchable was typed.
 */
export async function searchQuery(text: string, run: RowsRunner): Promise<string | null> {
  const words = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 8)
  if (!words.length) return null
  const candidates = words.filter((word) => /^\p{L}{3,64}$/u.test(word))
  const corrections = candidates.length
    ? await run<{ word: string; term: string }>(CORRECTIONS_SQL, [candidates])
    : []
  return words
    .map((word, index) => {
      const alternatives = [
        index === words.length - 1 ? `${word}:*` : word,
        ...corrections.filter((row) => row.word === word).map((row) => row.term),
      ]
      return alternatives.length > 1 ? `(${alternatives.join(' | ')})` : alternatives[0]
    })
    .join(' & ')
}
