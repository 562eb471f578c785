// The faults an API server currently injects, and the admin request that changes them.
// Latency applies to every call until cleared; the other faults are rules that apply to the next
// `count` matching calls (or to all of them when no count is given), first rule first.

import { createRng } from '../world/prng.ts';
import { HOSTILE_BODY_NAMES, NEEDS_CANARY } from './hostile-bodies.ts';

/** Body of `POST /admin/faults`. Several faults may be set at once; `count` and `path` apply to each rule. */
export interface FaultRequest {
  api: string;
  /** Close the listener (connection refused) / open it again on the same port. */
  down?: boolean;
  up?: boolean;
  latencyMs?: number;
  jitterMs?: number;
  /** Answer with this status and the API's own error body. */
  status?: number;
  /** With `status`: adds a Retry-After header (e.g. with 429 or 503). */
  retryAfterSeconds?: number;
  /** Accept the request and never answer. */
  hang?: boolean;
  /** Send the headers and part of the body, then reset the connection. */
  resetMidBody?: boolean;
  /** Answer with a proxy's HTML error page instead: `true` for status 200, or the status to use. */
  htmlErrorPage?: boolean | number;
  /** Send the real status and headers with a truncated, unparseable body. */
  malformedBody?: boolean;
  /** Send the real status and headers at once, then the body at this many bytes per second. */
  trickleBytesPerSecond?: number;
  /** Answer 302 with this Location (an absolute URL) instead. */
  redirectTo?: string;
  /** Answer 200 with this item of the hostile corpus (hostile-bodies.ts), in the API's own format. */
  hostileBody?: string;
  /** With `hostileBody` "xxe-http" or "parameter-entity" (required there): the URL its entities name. */
  canaryUrl?: string;
  /** Rules apply to the next `count` matching calls only. */
  count?: number;
  /** Rules apply only to calls whose path template or path starts with this. */
  path?: string;
  /** Invalidate all live sessions now (one-off action, not a rule). */
  expireSessions?: boolean;
}

export type FaultKind =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number }
  | { readonly kind: 'hang' }
  | { readonly kind: 'resetMidBody' }
  | { readonly kind: 'htmlErrorPage'; readonly status: number }
  | { readonly kind: 'malformedBody' }
  | { readonly kind: 'trickle'; readonly bytesPerSecond: number }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'hostileBody'; readonly name: string; readonly canaryUrl?: string };

export type FaultRule = FaultKind & { remaining: number | null; readonly path?: string };

export class FaultRequestError extends Error {}

const KNOWN_FIELDS = new Set([
  'api',
  'down',
  'up',
  'latencyMs',
  'jitterMs',
  'status',
  'retryAfterSeconds',
  'hang',
  'resetMidBody',
  'htmlErrorPage',
  'malformedBody',
  'trickleBytesPerSecond',
  'redirectTo',
  'hostileBody',
  'canaryUrl',
  'count',
  'path',
  'expireSessions',
]);
const MAX_DELAY_MS = 10 * 60_000;
const MAX_TRICKLE_BYTES_PER_SECOND = 100 * 1024 * 1024;

export function parseFaultRequest(body: unknown): FaultRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new FaultRequestError('body must be a JSON object');
  const record = body as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !KNOWN_FIELDS.has(key));
  if (unknown.length > 0) throw new FaultRequestError(`unknown field(s): ${unknown.join(', ')}`);
  if (typeof record.api !== 'string') throw new FaultRequestError('"api" (the API name) is required');
  const int = (key: string, min: number, max: number): number | undefined => {
    const value = record[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new FaultRequestError(`"${key}" must be an integer from ${min} to ${max}`);
    }
    return value;
  };
  const flag = (key: string): boolean | undefined => {
    const value = record[key];
    if (value !== undefined && typeof value !== 'boolean')
      throw new FaultRequestError(`"${key}" must be true or false`);
    return value;
  };
  const html = record.htmlErrorPage;
  if (html !== undefined && typeof html !== 'boolean' && int('htmlErrorPage', 100, 599) === undefined) {
    throw new FaultRequestError('"htmlErrorPage" must be true, false or a status code');
  }
  const url = (key: string): string | undefined => {
    const value = record[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
      throw new FaultRequestError(`"${key}" must be an absolute http(s) URL`);
    return value;
  };
  const hostile = record.hostileBody;
  if (hostile !== undefined && (typeof hostile !== 'string' || !HOSTILE_BODY_NAMES.has(hostile))) {
    throw new FaultRequestError(`"hostileBody" must be one of: ${[...HOSTILE_BODY_NAMES].join(', ')}`);
  }
  const canaryUrl = url('canaryUrl');
  if (hostile !== undefined && NEEDS_CANARY.has(hostile) && canaryUrl === undefined) {
    throw new FaultRequestError(`"hostileBody" "${hostile}" needs "canaryUrl"`);
  }
  const path = record.path;
  if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/'))) {
    throw new FaultRequestError('"path" must start with "/"');
  }
  return {
    api: record.api,
    down: flag('down'),
    up: flag('up'),
    latencyMs: int('latencyMs', 0, MAX_DELAY_MS),
    jitterMs: int('jitterMs', 0, MAX_DELAY_MS),
    status: int('status', 100, 599),
    retryAfterSeconds: int('retryAfterSeconds', 0, 86_400),
    hang: flag('hang'),
    resetMidBody: flag('resetMidBody'),
    htmlErrorPage: html as boolean | number | undefined,
    malformedBody: flag('malformedBody'),
    trickleBytesPerSecond: int('trickleBytesPerSecond', 1, MAX_TRICKLE_BYTES_PER_SECOND),
    redirectTo: url('redirectTo'),
    hostileBody: hostile,
    canaryUrl,
    count: int('count', 1, 1_000_000),
    path,
    expireSessions: flag('expireSessions'),
  };
}

/** The rules a request asks for, in a fixed order. */
export function rulesOf(request: FaultRequest): FaultRule[] {
  const kinds: FaultKind[] = [];
  if (request.status !== undefined) {
    kinds.push({
      kind: 'status',
      status: request.status,
      ...(request.retryAfterSeconds !== undefined && { retryAfterSeconds: request.retryAfterSeconds }),
    });
  }
  if (request.hang) kinds.push({ kind: 'hang' });
  if (request.resetMidBody) kinds.push({ kind: 'resetMidBody' });
  if (request.htmlErrorPage !== undefined && request.htmlErrorPage !== false) {
    kinds.push({
      kind: 'htmlErrorPage',
      status: request.htmlErrorPage === true ? 200 : request.htmlErrorPage,
    });
  }
  if (request.malformedBody) kinds.push({ kind: 'malformedBody' });
  if (request.trickleBytesPerSecond !== undefined)
    kinds.push({ kind: 'trickle', bytesPerSecond: request.trickleBytesPerSecond });
  if (request.redirectTo !== undefined) kinds.push({ kind: 'redirect', location: request.redirectTo });
  if (request.hostileBody !== undefined) {
    kinds.push({
      kind: 'hostileBody',
      name: request.hostileBody,
      ...(request.canaryUrl !== undefined && { canaryUrl: request.canaryUrl }),
    });
  }
  return kinds.map((kind) => ({
    ...kind,
    remaining: request.count ?? null,
    ...(request.path !== undefined && { path: request.path }),
  }));
}

export interface FaultState {
  latencyMs: number;
  jitterMs: number;
  readonly rules: FaultRule[];
  /** The first rule matching this call, with its count used up by one; undefined when none applies. */
  take(template: string, pathname: string): FaultKind | undefined;
  /** Delay to add to this call (latency plus jitter). */
  delayMs(): number;
  clear(): void;
}

export function createFaultState(): FaultState {
  // Seeded so that jitter, like everything else here, repeats from run to run.
  const rng = createRng(0x5eed);
  const state: FaultState = {
    latencyMs: 0,
    jitterMs: 0,
    rules: [],
    take(template, pathname) {
      const index = state.rules.findIndex(
        (rule) => rule.path === undefined || template.startsWith(rule.path) || pathname.startsWith(rule.path),
      );
      const rule = state.rules[index];
      if (!rule) return undefined;
      if (rule.remaining !== null && --rule.remaining <= 0) state.rules.splice(index, 1);
      return rule;
    },
    delayMs: () => state.latencyMs + (state.jitterMs > 0 ? rng.int(0, state.jitterMs) : 0),
    clear() {
      state.latencyMs = 0;
      state.jitterMs = 0;
      state.rules.length = 0;
    },
  };
  return state;
}
