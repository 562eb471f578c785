// Enterprise Manager answers every error with an `Error` body (Message, StatusCode, Status) and the
// matching HTTP status. Handlers throw EmError; the router turns it into the response.

import type { ApiResponse } from '../fault-injection/api-handler.ts';
import { element, xmlToString } from '../xml/xml-writer.ts';
import { EM_NAMESPACE } from './em-xml.ts';

/** .NET HttpStatusCode names, which is what Enterprise Manager puts in Status. */
const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  501: 'NotImplemented',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export class EmError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';

export function errorResponse(
  status: number,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): ApiResponse {
  const body = element('Error', {
    xmlns: EM_NAMESPACE,
    Message: message,
    StatusCode: status,
    Status: STATUS_NAMES[status] ?? `Status${status}`,
  });
  return { status, headers: { 'Content-Type': XML_CONTENT_TYPE, ...headers }, body: xmlToString(body) };
}

/** Bad or missing credentials, or an unknown or expired session. */
export function unauthorized(message: string): EmError {
  return new EmError(401, message, { 'WWW-Authenticate': 'Basic Realm=RestSvc' });
}

export function notFound(what: string): EmError {
  return new EmError(404, `${what} was not found`);
}
