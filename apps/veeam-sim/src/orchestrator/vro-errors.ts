// The Orchestrator's error answers. Veeam documents only the status codes (200, 400, 401, 500), not
// an error body, so the body is inferred: VAO/VRO is an ASP.NET Web API service with camelCase JSON,
// whose HttpError serializes as {"message": "..."}; the 401 text is ASP.NET's own for a denied
// bearer token. The token endpoint differs (OAuth), see token-endpoint.ts. Handlers throw VroError;
// the router turns it into the response.

import type { ApiResponse } from '../fault-injection/api-handler.ts';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export class VroError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export function json(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): ApiResponse {
  return { status, headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers }, body: JSON.stringify(body) };
}

export function errorResponse(
  status: number,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): ApiResponse {
  return json(status, { message }, status === 401 ? { 'WWW-Authenticate': 'Bearer', ...headers } : headers);
}

export function unauthorized(): VroError {
  return new VroError(401, 'Authorization has been denied for this request.');
}

export function badRequest(message: string): VroError {
  return new VroError(400, message);
}

export function notFound(message: string): VroError {
  return new VroError(404, message);
}
