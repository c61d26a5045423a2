/**
 * The base of paperboy's infrastructure errors (a source that failed, a post the platform refused, a database
 * that cannot be reached): a stable `code` to branch on without `instanceof`, the `cause` kept, and the class
 * name as `name`, so a log line says which one it was. Users' mistakes are not errors: they are `Result`s.
 *
 * @example
 * class SearchIndexMissingError extends CodedError<'searchIndexMissing'> {
 *   constructor(cause?: unknown) {
 *     super('searchIndexMissing', 'the search index is missing: run `paperboy migrate`', { cause });
 *   }
 * }
 */
export class CodedError<Code extends string = string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}

/** True when `error` is a `CodedError` with this `code`. */
export const hasErrorCode = (error: unknown, code: string): boolean =>
  error instanceof CodedError && error.code === code;
