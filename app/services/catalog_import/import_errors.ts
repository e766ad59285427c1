/**
 * The input cannot be read as a catalog at all (an unknown header, an empty file, a format
 * flag that does not fit the header). The import stops before any row is used.
 */
export class ImportFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ImportFormatError'
  }
}

/** The parser met something it cannot recover from partway through; rows before it were read. */
export class ImportAbortedError extends Error {
  constructor(
    message: string,
    readonly line: number
  ) {
    super(message)
    this.name = 'ImportAbortedError'
  }
}
