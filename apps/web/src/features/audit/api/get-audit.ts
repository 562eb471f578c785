import type { AuditEvent, AuditQuery } from '@lifeboat/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiUrl, buildQueryString } from '../../../lib/api-client.ts';
import { keysOf } from '../../../lib/enum-values.ts';
import { getListPage, type ListParams } from '../../../lib/list-query.ts';
import type { ListSpec } from '../../../lib/url-state.ts';

type AuditSort = AuditQuery['sort'];

/** The prefix of every audit query, to invalidate them all. */
export const auditQueryKey = ['audit'] as const;

/** The list's URL state and the exact query params GET /audit accepts. */
export const auditListSpec = {
  sorts: keysOf<AuditSort>({ seq: 1 }),
  defaultSort: 'seq',
  defaultOrder: 'desc',
  firstOrder: { seq: 'desc' },
  filters: {
    actor: { maxLength: 100 },
    action: { maxLength: 100 },
    target: { maxLength: 200 },
  },
} satisfies ListSpec<AuditSort, 'actor' | 'action' | 'target'>;

export const getAudit = (params: ListParams, signal?: AbortSignal) =>
  getListPage<AuditEvent>('/audit', params, signal);

/**
 * One page of the audit trail. Every read is itself recorded in the trail (AUD-06), so this page
 * does not poll or refetch on focus: it reads when asked (open, filter, page, Refresh).
 */
export const getAuditQueryOptions = (params: ListParams) =>
  queryOptions({
    queryKey: [...auditQueryKey, 'list', params],
    queryFn: ({ signal }) => getAudit(params, signal),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

export const useAudit = ({ params }: { params: ListParams }) => useQuery(getAuditQueryOptions(params));

/** The download of every record matching the filters (not just this page), as CSV or JSON. */
export function auditExportUrl(format: 'csv' | 'json', params: ListParams): string {
  const { q, actor, action, target, order } = params;
  return `${apiUrl('/audit')}${buildQueryString({ q, actor, action, target, order, format })}`;
}
