import { UpstreamError } from '../http/upstream-error.ts';
import { isGuid } from './normalize.ts';

/** The fixed table of Enterprise Manager paths this connector may request (SEC-41). */
export const QUERY_TYPES = ['CloudFailoverSession', 'CloudVmReplicaPoint', 'CloudFailoverPlan'] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

export function queryPath(type: QueryType, page: number, pageSize: number): string {
  const q = new URLSearchParams({
    type,
    format: 'Entities',
    pageSize: String(pageSize),
    page: String(page),
  });
  return `/api/query?${q.toString()}`;
}

export function failoverSessionPath(nativeId: string): string {
  if (!isGuid(nativeId)) throw new UpstreamError('invalid_id', 'not a failover session id');
  return `/api/cloud/failoverSessions/${nativeId}?format=Entity`;
}
