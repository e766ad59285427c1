/**
 * PostgreSQL text cannot hold a NUL character, and an unpaired UTF-16 surrogate (which a JSON
 * body or NDJSON line may spell as `\ud800`) is no character at all: either would make the
 * statement that stores it fail. Input is checked for them up front, so the client hears
 * which field is wrong instead of the write failing as a whole.
 */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed()
}

/**
 * The dotted paths (`variants.1.title`; `` for `value` itself) of every string in `value`,
 * object keys included, that PostgreSQL cannot store.
 */
export function unstorableTextPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return isStorableText(value) ? [] : [path]
  if (value === null || typeof value !== 'object') return []
  const found: string[] = []
  for (const [key, item] of Object.entries(value)) {
    const itemPath = path === '' ? key : `${path}.${key}`
    if (!isStorableText(key)) found.push(itemPath)
    found.push(...unstorableTextPaths(item, itemPath))
  }
  return found
}

export const UNSTORABLE_TEXT_REASON =
  'contains a NUL character or an unpaired surrogate, which cannot be stored'
