import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** Words worth indexing and correcting: letters only, three or more of them. */
export function wordsOf(text: string) {
  return [...new Set(text.toLowerCase().match(/\p{L}{3,64}/gu) ?? [])]
}

/**
 * Adds a product's words (title and description) to the search vocabulary. Words are never
 * removed: a stale word only offers a correction that finds nothing.
 */
export async function recordSearchTerms(trx: TransactionClientContract, ...texts: string[]) {
  const words = wordsOf(texts.join(' '))
  if (!words.length) return
  await trx.rawQuery(
    'INSERT INTO search_terms (term) SELECT unnest(?::text[]) ON CONFLICT (term) DO NOTHING',
    [words]
  )
}

/**
 * Rebuilds the vocabulary from every product in one statement (bulk loads: the demo seeder,
 * the benchmark, imports).
 */
export const REBUILD_SEARCH_TERMS_SQL = `
  INSERT INTO search_terms (term)
  SELECT DISTINCT w
    FROM products, regexp_split_to_table(lower(title || ' ' || description), '[^[:alpha:]]+') AS w
   WHERE length(w) BETWEEN 3 AND 64
  ON CONFLICT (term) DO NOTHING`

export type RowsRunner = <Row>(text: string, values: unknown[]) => Promise<Row[]>

/**
 * For each query word: is it a known word, does some known word start with it (a range on the
 * primary key), and, when it is unknown, the two most similar known words (pg_trgm `%`, served
 * by the trigram index on the vocabulary).
 */
export const CORRECTIONS_SQL = `
  SELECT q.word,
         EXISTS (SELECT 1 FROM search_terms s WHERE s.term = q.word) AS known,
         EXISTS (SELECT 1 FROM search_terms s
                  WHERE s.term >= q.word AND s.term < q.word || chr(1114111)) AS prefixed,
         CASE WHEN EXISTS (SELECT 1 FROM search_terms s WHERE s.term = q.word) THEN '{}'::text[]
              ELSE ARRAY(SELECT s.term FROM search_terms s
                          WHERE s.term % q.word
                          ORDER BY similarity(s.term, q.word) DESC, s.term LIMIT 2)
         END AS corrections
    FROM unnest($1::text[]) AS q(word)`

interface WordCheck {
  word: string
  known: boolean
  prefixed: boolean
  corrections: string[]
}

/**
 * Turns what a shopper typed into a tsquery where every word must match (AND):
 * - a known word as typed (stemmed by the text search configuration);
 * - the last word also as a prefix, since it may be unfinished ("lam" finds "lamp");
 * - an unknown word by its corrections ("keybord" finds "keyboard").
 * Earlier words are not prefixes and unknown words are not kept beside their corrections:
 * alternatives that cannot match only cost index work. Null when nothing searchable was typed.
 */
export async function searchQuery(text: string, run: RowsRunner): Promise<string | null> {
  const words = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 8)
  if (!words.length) return null
  const candidates = words.filter((word) => /^\p{L}{3,64}$/u.test(word))
  const checks = candidates.length ? await run<WordCheck>(CORRECTIONS_SQL, [candidates]) : []
  const checkOf = new Map(checks.map((check) => [check.word, check]))
  return words
    .map((word, index) => {
      const last = index === words.length - 1
      const check = checkOf.get(word)
      const alternatives: string[] = []
      if (!check || check.known) alternatives.push(last ? `${word}:*` : word)
      else if (last && check.prefixed) alternatives.push(`${word}:*`)
      alternatives.push(...(check?.corrections ?? []))
      if (!alternatives.length) alternatives.push(word)
      return alternatives.length > 1 ? `(${alternatives.join(' | ')})` : alternatives[0]
    })
    .join(' & ')
}
