import type { ErrorCode } from '@lifeboat/shared';

/**
 * The errors of the domain. They say what went wrong (the wire `code`), never how HTTP says it:
 * only the error handler maps a code to a status, so actions stay free of HTTP.
 */
export class DomainError extends Error {
  /** Set once the refusal has its own audit record, so it is not recorded twice. */
  audited = false;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly source?: string,
  ) {
    super(message);
  }
}

export class InputError extends DomainError {
  constructor(message: string) {
    super('bad_request', message);
  }
}
export class Unauthorized extends DomainError {
  constructor(message = 'Sign in first.') {
    super('unauthorized', message);
  }
}
export class Forbidden extends DomainError {
  constructor(message: string, code: 'forbidden' | 'csrf_failed' = 'forbidden') {
    super(code, message);
  }
}
export class NotFound extends DomainError {
  constructor(message: string) {
    super('not_found', message);
  }
}
export class Conflict extends DomainError {
  constructor(
    message: string,
    /** The operation that holds the plan, when that is the conflict. */
    readonly operationId?: string,
  ) {
    super('conflict', message);
  }
}
export class TooManyRequests extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message);
  }
}
