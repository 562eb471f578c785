import type { ErrorBody, ErrorCode } from '@lifeboat/shared';
import { isUpstreamError, type UpstreamErrorCode } from '@lifeboat/upstreams';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { HttpError, TooManyRequests } from '../errors.ts';

const UPSTREAM: Record<UpstreamErrorCode, [number, ErrorCode]> = {
  timeout: [504, 'upstream_timeout'],
  request_failed: [503, 'upstream_unavailable'],
  tls_untrusted: [503, 'upstream_unavailable'],
  not_found: [404, 'not_found'],
  invalid_id: [404, 'not_found'],
  malformed_response: [502, 'upstream_failed'],
  auth_failed: [502, 'upstream_failed'],
  http_status: [502, 'upstream_failed'],
  too_large: [502, 'upstream_failed'],
  redirected: [502, 'upstream_failed'],
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
    const body: ErrorBody = { error: { code, message, ...(source ? { source } : {}) }, requestId: req.id };
    res.status(status).json(body);
  };
}

function classify(err: unknown): [number, ErrorCode, string, string?] {
  if (err instanceof HttpError) return [err.status, err.code, err.message, err.source];
  if (err instanceof ZodError) {
    const i = err.issues[0];
    const where = i?.path.length ? `${i.path.join('.')}: ` : '';
    return [400, 'bad_request', `Invalid request: ${where}${i?.message ?? 'invalid'}`];
  }
  if (isUpstreamError(err)) {
    const [status, code] = UPSTREAM[err.code];
    return [status, code, err.message];
  }
  const status = clientStatus(err);
  if (status === 413) return [413, 'payload_too_large', 'Request body too large.'];
  if (status === 415) return [415, 'unsupported_media_type', 'Unsupported request encoding.'];
  if (status === 404) return [404, 'not_found', 'Not found.'];
  if (status === 400) return [400, 'bad_request', 'Request body is not valid JSON.'];
  if (status !== null) return [status, 'bad_request', 'The request was refused.'];
  return [500, 'internal', 'Something went wrong on our side; the request id identifies it in the logs.'];
}
