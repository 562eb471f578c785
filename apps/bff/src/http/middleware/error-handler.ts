import type { ErrorBody, ErrorCode } from '@lifeboat/shared';
import { isUpstreamError, redactUrls, type UpstreamErrorCode } from '@lifeboat/upstreams';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { Conflict, DomainError, TooManyRequests } from '../../errors.ts';

/** The one map from the domain's error codes to HTTP statuses. */
const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  method_not_allowed: 405,
  misdirected: 421,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  upstream_failed: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
  unavailable: 503,
  internal: 500,
};

const UPSTREAM: Record<UpstreamErrorCode, ErrorCode> = {
  timeout: 'upstream_timeout',
  request_failed: 'upstream_unavailable',
  tls_untrusted: 'upstream_unavailable',
  circuit_open: 'upstream_unavailable',
  cancelled: 'upstream_unavailable',
  not_found: 'not_found',
  invalid_id: 'not_found',
  malformed_response: 'upstream_failed',
  auth_failed: 'upstream_failed',
  http_status: 'upstream_failed',
  too_large: 'upstream_failed',
  redirected: 'upstream_failed',
};

/** Errors from Express's own layers (body parsing, static files) carry their HTTP status. */
function clientStatus(e: unknown): number | null {
  if (typeof e !== 'object' || e === null) return null;
  const { status, statusCode } = e as { status?: unknown; statusCode?: unknown };
  const value = status ?? statusCode;
  return typeof value === 'number' && value >= 400 && value < 500 ? value : null;
}

/** The one place errors become responses: one body shape, no stack traces (OPS-01). */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const [status, code, message, source] = classify(err);
    if (status >= 500) log.error({ err, requestId: req.id, path: req.path }, 'request failed');
    if (err instanceof TooManyRequests) res.setHeader('Retry-After', String(err.retryAfterSeconds));
    const operationId = err instanceof Conflict ? err.operationId : undefined;
    const body: ErrorBody = {
      error: { code, message, ...(source ? { source } : {}), ...(operationId ? { operationId } : {}) },
      requestId: req.id,
    };
    res.status(status).json(body);
  };
}

function classify(err: unknown): [number, ErrorCode, string, string?] {
  if (err instanceof DomainError) return [STATUS[err.code], err.code, err.message, err.source];
  if (err instanceof ZodError) {
    const i = err.issues[0];
    const where = i?.path.length ? `${i.path.join('.')}: ` : '';
    return [400, 'bad_request', `Invalid request: ${where}${i?.message ?? 'invalid'}`];
  }
  if (isUpstreamError(err)) {
    const code = UPSTREAM[err.code];
    return [STATUS[code], code, redactUrls(err.message)];
  }
  const status = clientStatus(err);
  if (status === 413) return [413, 'payload_too_large', 'Request body too large.'];
  if (status === 415) return [415, 'unsupported_media_type', 'Unsupported request encoding.'];
  if (status === 404) return [404, 'not_found', 'Not found.'];
  if (status === 400) return [400, 'bad_request', 'Request body is not valid JSON.'];
  if (status !== null) return [status, 'bad_request', 'The request was refused.'];
  return [500, 'internal', 'Something went wrong on our side; the request id identifies it in the logs.'];
}
