/**
 * The ways an upstream call fails, each with its own code so the BFF can say which in plain words
 * and pick a status: the request failed, the response was malformed, or it timed out (grafana's
 * three kinds), plus auth, HTTP status, size, redirects and TLS.
 */
export type UpstreamErrorCode =
  | 'request_failed'
  | 'timeout'
  | 'malformed_response'
  | 'auth_failed'
  | 'http_status'
  | 'not_found'
  | 'too_large'
  | 'redirected'
  | 'tls_untrusted'
  | 'circuit_open'
  /** The caller abandoned the call (a poll that failed elsewhere, a stop): not the upstream's doing. */
  | 'cancelled'
  | 'invalid_id';

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    readonly code: UpstreamErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** A call its caller gave up on; it says nothing about the upstream. */
export const abandoned = () => new UpstreamError('cancelled', 'the call was abandoned by its caller');

export function isUpstreamError(err: unknown): err is UpstreamError {
  return err instanceof UpstreamError;
}
