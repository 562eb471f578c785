// The contract between one simulated API (Enterprise Manager, later the Orchestrator and the
// Service Provider Console) and the server that hosts it with call counting and fault injection.

import type { IncomingMessage } from 'node:http';

export interface ApiResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | string[]>>;
  /** A string is sent with Content-Length; an iterable of chunks is streamed (chunked encoding). */
  readonly body?: string | Iterable<string>;
}

export interface RouteMatch {
  /** `METHOD`-less path template the call is counted under, e.g. `/api/cloud/failoverSessions/{id}`. */
  readonly template: string;
  handle(): ApiResponse | Promise<ApiResponse>;
}

export interface ApiHandler {
  /** Every request gets a match; an unknown path's match answers the API's own 404. */
  route(request: IncomingMessage, url: URL, baseUrl: string): RouteMatch;
  /**
   * The API's native error body for a status (used for injected status faults and crashes). With
   * `retryAfterSeconds` (an injected 429 or 503 that names one), an API whose body carries the
   * delay (the Service Provider Console's retryAfter) puts it there too, to match the header.
   */
  errorResponse(status: number, message: string, retryAfterSeconds?: number): ApiResponse;
  /** Invalidates every live session or token, so the next call with one gets 401. */
  expireSessions(): void;
}
