import type { VmRpo, VmRpoQuery } from '@lifeboat/shared';
import { useQuery } from '@tanstack/react-query';
import { rpoGradesWorstFirst } from '../../../components/status/rpo-status-badge.tsx';
import { apiUrl, buildQueryString } from '../../../lib/api-client.ts';
import { keysOf } from '../../../lib/enum-values.ts';
import { getListPage, listQueryOptions, type ListParams } from '../../../lib/list-query.ts';
import type { ListSpec } from '../../../lib/url-state.ts';

type RpoSort = VmRpoQuery['sort'];

/** The prefix of every per-VM RPO query, to invalidate them all. */
export const vmRpoQueryKey = ['vm-rpo'] as const;

const rpoSorts = keysOf<RpoSort>({ status: 1, vmName: 1, latestPointAt: 1, ageSeconds: 1 });

/** The list's URL state and the exact query params GET /vm-rpo accepts. */
export const vmRpoListSpec = {
  sorts: rpoSorts,
  defaultSort: 'status',
  defaultOrder: 'desc',
  firstOrder: { status: 'desc', ageSeconds: 'desc', latestPointAt: 'desc' },
  filters: {
    status: { values: rpoGradesWorstFirst },
    source: { maxLength: 100 },
    tenant: { maxLength: 200 },
  },
} satisfies ListSpec<RpoSort, 'status' | 'source' | 'tenant'>;

export const getVmRpo = (params: ListParams, signal?: AbortSignal) =>
  getListPage<VmRpo>('/vm-rpo', params, signal);

export const getVmRpoQueryOptions = (params: ListParams) =>
  listQueryOptions([...vmRpoQueryKey, 'list', params], (signal) => getVmRpo(params, signal));

export const useVmRpo = ({ params }: { params: ListParams }) => useQuery(getVmRpoQueryOptions(params));

/** Every VM matching the list's filters and order (not one page), as a CSV download. */
export function vmRpoCsvUrl(params: ListParams): string {
  const query: Record<string, string> = { ...params, format: 'csv' };
  delete query.limit;
  delete query.cursor;
  return `${apiUrl('/vm-rpo')}${buildQueryString(query)}`;
}
