import { checkedGuid } from '../values.ts';
import { UpstreamError } from '../http/upstream-error.ts';

/** The fixed table of Enterprise Manager paths this connector may request (SEC-41). */
export const QUERY_TYPES = ['CloudFailoverSession', 'CloudVmReplicaPoint', 'CloudFailoverPlan'] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

/** A query page; `filter` is one built by `anyEquals` (field names and values never come from elsewhere). */
export function queryPath(type: QueryType, page: number, pageSize: number, filter?: QueryFilter): string {
  const q = new URLSearchParams({
    type,
    format: 'Entities',
    pageSize: String(pageSize),
    page: String(page),
    ...(filter === undefined ? {} : { filter }),
  });
  return `/api/query?${q.toString()}`;
}

export function failoverSessionPath(nativeId: string): string {
  return `/api/cloud/failoverSessions/${checkedGuid(nativeId, 'a failover session')}?format=Entity`;
}

export function failoverPlanPath(nativeId: string): string {
  return `/api/cloud/cloudFailoverPlans/${checkedGuid(nativeId, 'a cloud failover plan')}?format=Entity`;
}

/** The cloud failover plan actions this connector sends (Veeam also documents `test`). */
export type EmPlanVerb = 'start' | 'undo';

export function failoverPlanActionPath(nativeId: string, verb: EmPlanVerb): string {
  return `/api/cloud/cloudFailoverPlans/${checkedGuid(nativeId, 'a cloud failover plan')}?action=${verb}`;
}

/** Task ids as Enterprise Manager writes them (`task-1` in Veeam's examples), or a GUID. */
const TASK_ID = /^(task-\d{1,18}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function isTaskId(s: string): boolean {
  return TASK_ID.test(s);
}

export function taskPath(taskId: string): string {
  if (!isTaskId(taskId)) throw new UpstreamError('invalid_id', 'not a task id');
  return `/api/tasks/${taskId.toLowerCase()}`;
}

/** A query service filter made here only. */
export type QueryFilter = string & { readonly __filter: unique symbol };

/** Fields the filters below compare; the query service reads field names case-insensitively. */
type FilterField = 'name' | 'vmName';

/**
 * `creationTime>="…"`: items created at or after an instant, as an ISO UTC time without
 * milliseconds (rounded down, so nothing at the boundary is left out).
 */
export function createdSince(ms: number): QueryFilter {
  const at = new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return `creationTime>="${at}"` as QueryFilter;
}

/**
 * `field=="a",field=="b"`: any of the values (the query service's OR), each quoted. The filter
 * language has no escape for a quote inside a quoted value, so a value holding one cannot be
 * asked for: null then, and the caller reads another way. The service compares strings without
 * regard to case, so callers keep only exact matches.
 */
export function anyEquals(field: FilterField, values: readonly string[]): QueryFilter | null {
  if (values.length === 0 || values.some((v) => v.includes('"'))) return null;
  return values.map((v) => `${field}=="${v}"`).join(',') as QueryFilter;
}
