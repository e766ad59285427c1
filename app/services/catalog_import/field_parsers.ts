/**
 * Text-to-value conversions shared by the format mappers. Each returns the value, or a string
 * saying what is wrong, so the caller reports it against its own column name and line.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

const MONEY = /^(\d{1,10})(?:\.(\d{1,2}))?$/
const INTEGER = /^-?\d{1,15}$/

/** "19.9" → "19.90". Decimal strings only: no floats touch money. */
export function parseMoney(text: string): Parsed<string> {
  const value = text.trim()
  const match = MONEY.exec(value)
  if (!match) {
    if (/^-\d/.test(value)) return { ok: false, reason: 'must not be negative' }
    return { ok: false, reason: 'must be a decimal amount with at most 2 decimals, like 19.90' }
  }
  const units = match[1].replace(/^0+(?=\d)/, '')
  return { ok: true, value: `${units}.${(match[2] ?? '').padEnd(2, '0')}` }
}

export function parseOptionalMoney(text: string): Parsed<string | null> {
  return text.trim() === '' ? { ok: true, value: null } : parseMoney(text)
}

export function parseCount(text: string): Parsed<number> {
  const value = text.trim()
  if (!INTEGER.test(value)) return { ok: false, reason: 'must be a whole number' }
  const number = Number(value)
  if (number < 0) return { ok: false, reason: 'must not be negative' }
  return { ok: true, value: number }
}

export function parseOptionalCount(text: string): Parsed<number | null> {
  return text.trim() === '' ? { ok: true, value: null } : parseCount(text)
}

/** Kilograms as decimal text (WooCommerce's "Weight (kg)") to whole grams. */
export function parseKilogramsAsGrams(text: string): Parsed<number | null> {
  const value = text.trim()
  if (value === '') return { ok: true, value: null }
  if (!/^\d+(\.\d+)?$/.test(value)) {
    return /^-/.test(value)
      ? { ok: false, reason: 'must not be negative' }
      : { ok: false, reason: 'must be a number of kilograms' }
  }
  return { ok: true, value: Math.round(Number(value) * 1000) }
}

/** `A > B > C` → ['A', 'B', 'C']; empty segments dropped. */
export function parseCategoryPath(text: string): string[] {
  return text
    .split('>')
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

/** Comma-separated list, trimmed, empties and repeats dropped, first occurrence order kept. */
export function parseList(text: string): string[] {
  const seen = new Set<string>()
  for (const part of text.split(',')) {
    const item = part.trim()
    if (item !== '') seen.add(item)
  }
  return [...seen]
}

/** Splits on commas not escaped with a backslash (WooCommerce writes `\,` inside a name). */
export function parseEscapedList(text: string): string[] {
  return text
    .split(/(?<!\\),/)
    .map((part) => part.replaceAll('\\,', ',').trim())
    .filter((part) => part !== '')
}

export function optionalText(text: string | undefined): string | null {
  const value = (text ?? '').trim()
  return value === '' ? null : value
}

/** A URL-safe handle from a name, as shops derive slugs: lower case ASCII, words joined by '-'. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** Values in the error report are cut so a huge field does not make a huge report. */
export function clip(value: string, max = 200): string {
  return value.length > max ? `${value.slice(0, max)}…` : value
}
