import type { ErrorCode } from '@lifeboat/shared';

/** Named errors that the one error handler maps to a status and the shared error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly source?: string,
  ) {
    super(message);
  }
}

export class BadRequest extends HttpError {
  constructor(message: string) {
    super(400, 'bad_request', message);
  }
}
export class Unauthorized extends HttpError {
  constructor(message = 'Sign in first.') {
    super(401, 'unauthorized', message);
  }
}
export class Forbidden extends HttpError {
  constructor(message: string, code: ErrorCode = 'forbidden') {
    super(403, code, message);
  }
}
export class NotFound extends HttpError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}
export class TooManyRequests extends HttpError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'rate_limited', message);
  }
}
