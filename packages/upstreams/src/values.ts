import { UpstreamError } from './http/upstream-error.ts';

/** Names from upstreams are shown, never trusted: longer ones are cut with a visible marker. */
const MAX_TEXT = 512;
export function boundedText(s: string): string {
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every Veeam API names its entities by GUID. */
export function isGuid(s: string): boolean {
  return GUID.test(s);
}

/** An id checked before it goes into a URL or a request body: a GUID, lower-cased, or nothing is sent (SEC-41). */
export function checkedGuid(id: string, what: string): string {
  if (!isGuid(id)) throw new UpstreamError('invalid_id', `not ${what} id`);
  return id.toLowerCase();
}

/** The BFF-wide id of an entity: source and native id, URL-safe (source ids have no dots). */
export const entityId = (sourceId: string, nativeId: string) => `${sourceId}.${nativeId}`;
