import type { ListEnvelope, RpoStatus, VmRpo, VmRpoQuery } from '@lifeboat/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { LIST_REFETCH_MS } from '../../../lib/query-client.ts';
import { keysOf } from '../../../lib/enum-values.ts';
import type { ListSpec } from '../../../lib/url-state.ts';

type RpoSort = VmRpoQuery['sort'];

const rpoSorts = keysOf<RpoSort>({ status: 1, vmName: 1, latestPointAt: 1, ageSeconds: 1 });
/** Worst first, as the filter lists them. */
export const rpoStatuses = keysOf<RpoStatus>({
  critical: 1,
  severe: 1,
  exceeded: 1,
  unknown: 1,
  compliant: 1,
});

/** The list's URL state and the exact query params GET /vm-rpo accepts. */
export const vmRpoListSpec = {
  sorts: rpoSorts,
  defaultSort: 'status',
  defaultOrder: 'desc',
  firstOrder: { status: 'desc', ageSeconds: 'desc', latestPointAt: 'desc' },
  filters: {
    status: { values: rpoStatuses },
    source: { maxLength: 100 },
  },
} satisfies ListSpec<RpoSort, 'status' | 'source'>;

export type VmRpoParams = Record<string, string>;

export const getVmRpo = (params: VmRpoParams, signal?: AbortSignal): Promise<ListEnvelope<VmRpo>> =>
  api.get<ListEnvelope<VmRpo>>('/vm-rpo', params, signal ? { signal } : {});

export const getVmRpoQueryOptions = (params: VmRpoParams) =>
  queryOptions({
    queryKey: ['vm-rpo', 'list', params],
    queryFn: ({ signal }) => getVmRpo(params, signal),
    refetchInterval: LIST_REFETCH_MS,
    placeholderData: keepPreviousData,
  });

export const useVmRpo = ({ params }: { params: VmRpoParams }) => useQuery(getVmRpoQueryOptions(params));
