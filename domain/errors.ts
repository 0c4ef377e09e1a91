/**
 * Errors are values with a code. Services throw them; the HTTP layer maps each code to a
 * status once, centrally; the CLI prints the message and exits non-zero.
 */
export type ErrorCode =
  | 'bad_request' // 400: malformed input
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409: stale version or a uniqueness clash
  | 'payload_too_large' // 413
  | 'unprocessable' // 422: well-formed but breaks a rule
  | 'too_many_requests'; // 429

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldError[];
  /** Extra JSON-safe payload, e.g. the current record on a version conflict. */
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { fields?: FieldError[]; details?: Record<string, unknown> },
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.fields = options?.fields;
    this.details = options?.details;
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} finns inte.`);
export const forbidden = (message = 'Du saknar behörighet för detta.') => new DomainError('forbidden', message);
export const staleVersion = (current: object) =>
  new DomainError(
    'conflict',
    'Posten har ändrats av någon annan sedan du läste den. Läs in den igen och gör om ändringen.',
    { details: { current } },
  );
