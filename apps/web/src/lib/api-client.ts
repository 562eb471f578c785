import type {
  API_PREFIX as ApiPrefix,
  BUILD_HEADER as BuildHeader,
  CSRF_HEADER as CsrfHeader,
  ErrorCode,
} from '@lifeboat/shared';
import { isNewerBuild } from './build-id.ts';

// The contract's constants, checked against @lifeboat/shared by the compiler (type-only import).
const API_PREFIX: typeof ApiPrefix = '/api/v1';
const CSRF_HEADER: typeof CsrfHeader = 'X-CSRF-Token';
const BUILD_HEADER: typeof BuildHeader = 'X-Lifeboat-Build';

// The build the server named on its last API answer that named one.
let servedBuild: string | null = null;

/** A newer web build was deployed than this page runs: a wall display reloads itself to get it. */
export function newBuildDeployed(): boolean {
  return isNewerBuild(servedBuild);
}

/** The URL of an API path on this origin, e.g. `/api/v1/events` (for EventSource, which is no fetch). */
export function apiUrl(path: string): string {
  return `${API_PREFIX}${path}`;
}

/** Codes the browser assigns itself, when there is no error body from the BFF to read. */
export type ClientErrorCode = 'network_error' | 'bad_response';

export const UNREACHABLE_MESSAGE =
  'Cannot reach the Lifeboat server. Check your network connection, or try again in a moment.';

/** One error type for every failed call; the UI switches on `code` (or `status`). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode | (string & {});
  readonly requestId: string | null;
  readonly source: string | null;
  /** On a 409 because a plan is busy: the operation under way. */
  readonly operationId: string | null;

  constructor(init: {
    status: number;
    code: ApiError['code'];
    message: string;
    requestId?: string | null;
    source?: string | null;
    operationId?: string | null;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.source = init.source ?? null;
    this.operationId = init.operationId ?? null;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
export function isUnauthorized(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}
export function isNotFound(error: unknown): boolean {
  return isApiError(error) && error.status === 404;
}
/** The BFF could not be reached at all (network down, server stopped, a proxy answering for it). */
export function isUnreachable(error: unknown): boolean {
  return isApiError(error) && error.code === 'network_error';
}
/** 4xx answers are final: retrying them cannot help. */
export function isClientError(error: unknown): error is ApiError {
  return isApiError(error) && error.status >= 400 && error.status < 500;
}

/** Words for a person; never a stack trace. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

const fallbackByStatus: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'bad_request', message: 'The server did not accept the request.' },
  401: { code: 'unauthorized', message: 'Your session has ended. Sign in again.' },
  403: { code: 'forbidden', message: 'You are not allowed to do that.' },
  404: { code: 'not_found', message: 'Not found.' },
  409: { code: 'conflict', message: 'The request conflicts with the current state.' },
  422: { code: 'unprocessable', message: 'The request could not be processed.' },
  429: { code: 'rate_limited', message: 'Too many requests. Wait a moment and try again.' },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the BFF's error body `{ error: { code, message, source? }, requestId }` leniently: a code
 * this build does not know yet is still passed through, so the UI can show the server's words.
 */
export function readErrorBody(body: unknown): {
  code: string;
  message: string;
  source: string | null;
  operationId: string | null;
  requestId: string | null;
} | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const { code, message, source, operationId } = body.error;
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  return {
    code,
    message,
    source: typeof source === 'string' ? source : null,
    operationId: typeof operationId === 'string' ? operationId : null,
    requestId: typeof body.requestId === 'string' ? body.requestId : null,
  };
}

/** Maps a non-2xx response (and its body, if it was JSON) to an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  const parsed = readErrorBody(body);
  if (parsed) return new ApiError({ status, ...parsed });
  // No error body from the BFF: a gateway or dev proxy answered for a BFF that is not there.
  if (status === 502 || status === 503 || status === 504) {
    return new ApiError({ status, code: 'network_error', message: UNREACHABLE_MESSAGE });
  }
  const fallback = fallbackByStatus[status];
  if (fallback) return new ApiError({ status, ...fallback });
  if (status >= 500) {
    return new ApiError({
      status,
      code: 'internal',
      message: `The server had a problem (HTTP ${status}). Try again.`,
    });
  }
  return new ApiError({ status, code: 'bad_request', message: `The request failed (HTTP ${status}).` });
}

export type QueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=x` from an object, leaving out undefined, null and empty strings. */
export function buildQueryString(params: Record<string, QueryValue> | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const text = String(value);
    if (text === '') continue;
    search.append(key, text);
  }
  const query = search.toString();
  return query ? `?${query}` : '';
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
  /** Prefix of every path; `/api/v1` by default. */
  baseUrl?: string;
  getCsrfToken: () => string | null;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Extra headers, e.g. the Idempotency-Key of a request that must not run twice. */
  headers?: Record<string, string>;
}

export interface ApiClient {
  get<T>(path: string, query?: Record<string, QueryValue>, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl ?? API_PREFIX;
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function request<T>(method: string, url: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(url, { ...init, method, credentials: 'same-origin' });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiError({ status: 0, code: 'network_error', message: UNREACHABLE_MESSAGE });
    }
    servedBuild = response.headers.get(BUILD_HEADER) ?? servedBuild;

    if (response.status === 204 || response.status === 205) return undefined as T;

    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiError({ status: 0, code: 'network_error', message: UNREACHABLE_MESSAGE });
    }

    let body: unknown = undefined;
    let parsed = false;
    if (text !== '') {
      try {
        body = JSON.parse(text);
        parsed = true;
      } catch {
        parsed = false;
      }
    }

    if (!response.ok) throw toApiError(response.status, parsed ? body : undefined);
    if (!parsed) {
      throw new ApiError({
        status: response.status,
        code: 'bad_response',
        message: 'The server sent an answer that could not be read.',
      });
    }
    return body as T;
  }

  return {
    get<T>(path: string, query?: Record<string, QueryValue>, requestOptions?: RequestOptions) {
      return request<T>('GET', `${baseUrl}${path}${buildQueryString(query)}`, {
        headers: { Accept: 'application/json' },
        signal: requestOptions?.signal ?? null,
      });
    },
    post<T>(path: string, body?: unknown, requestOptions?: RequestOptions) {
      const headers: Record<string, string> = {
        ...requestOptions?.headers,
        Accept: 'application/json',
        'Content-Type': 'application/json',
      };
      const token = options.getCsrfToken();
      if (token) headers[CSRF_HEADER] = token;
      return request<T>('POST', `${baseUrl}${path}`, {
        headers,
        body: JSON.stringify(body ?? {}),
        signal: requestOptions?.signal ?? null,
      });
    },
  };
}

// The CSRF token lives in memory only (never localStorage): it comes from login and /auth/me.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
export function getCsrfToken(): string | null {
  return csrfToken;
}

/** The app's client: same origin, `/api/v1`, the in-memory CSRF token. */
export const api: ApiClient = createApiClient({ getCsrfToken });
