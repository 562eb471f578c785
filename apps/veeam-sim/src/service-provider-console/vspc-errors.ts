// The console's error body, {"errors":[{message, type, code, parameterName?}]}: client errors keep
// their HTTP status, every server error is answered as HTTP 520, and throttling is a 429 whose
// error carries retryAfter instead of a message (helpcenter.veeam.com/docs/vac/rest/errors.html and
// throttling.html). Handlers throw VspcError; the handler turns it into the response.

import type { ApiResponse } from '../fault-injection/api-handler.ts';
import { jsonResponse } from './vspc-json.ts';

/** transport: retry; logical: the client's mistake; retryablelogical: the server's, retry; security: auth. */
export type VspcErrorType = 'transport' | 'logical' | 'retryablelogical' | 'security' | 'unspecified';

/** The status every server error (>= 500) is sent with. */
export const SERVER_ERROR_STATUS = 520;
/** retryAfter of a 429 when the fault injector names no delay. */
export const DEFAULT_RETRY_AFTER_SECONDS = 25;

export class VspcError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: VspcErrorType,
    /** The query or form parameter at fault, when there is one. */
    readonly parameterName?: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export function badParameter(parameterName: string, message: string): VspcError {
  return new VspcError(400, message, 'logical', parameterName);
}

export function notFound(message: string): VspcError {
  return new VspcError(404, message, 'logical');
}

/** Missing, unknown or expired bearer token; also bad credentials at /token. */
export function unauthorized(message: string): VspcError {
  return new VspcError(401, message, 'security', undefined, { 'WWW-Authenticate': 'Bearer' });
}

export function vspcErrorResponse(error: VspcError): ApiResponse {
  const detail = {
    message: error.message,
    type: error.type,
    code: error.status,
    ...(error.parameterName !== undefined && { parameterName: error.parameterName }),
  };
  return jsonResponse(
    error.status >= 500 ? SERVER_ERROR_STATUS : error.status,
    { errors: [detail] },
    error.headers,
  );
}

/**
 * The response for a status chosen from outside (an injected fault, a crash). A 429 is the
 * throttling answer; anything from 500 up becomes 520 with the original status as the error code.
 */
export function errorResponseForStatus(
  status: number,
  message: string,
  retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS,
): ApiResponse {
  if (status === 429) {
    return jsonResponse(
      429,
      { errors: [{ type: 'transport', code: 429, retryAfter: retryAfterSeconds }] },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
  // An injected 401 must look like the console's own, challenge included.
  if (status === 401) return vspcErrorResponse(unauthorized(message));
  return vspcErrorResponse(new VspcError(status, message, errorTypeOf(status)));
}

function errorTypeOf(status: number): VspcErrorType {
  if (status === 401 || status === 403) return 'security';
  if (status < 500) return 'logical';
  // A crash is unexplained; a gateway or availability failure is one a retry can get past.
  return status === 500 || status === 501 ? 'unspecified' : 'transport';
}
