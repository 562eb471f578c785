import type { ListEnvelope, ReplicaPoint, ReplicaPointQuery } from '@lifeboat/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { LIST_REFETCH_MS } from '../../../lib/query-client.ts';
import { keysOf } from '../../../lib/enum-values.ts';
import type { ListSpec } from '../../../lib/url-state.ts';

type PointSort = ReplicaPointQuery['sort'];

const pointSorts = keysOf<PointSort>({ pointTime: 1, vmName: 1, replicaName: 1 });

/** The list's URL state and the exact query params GET /replica-points accepts. */
export const replicaPointsListSpec = {
  sorts: pointSorts,
  defaultSort: 'pointTime',
  defaultOrder: 'desc',
  firstOrder: { pointTime: 'desc' },
  filters: {
    vm: { maxLength: 512 },
    source: { maxLength: 100 },
  },
} satisfies ListSpec<PointSort, 'vm' | 'source'>;

export type ReplicaPointsParams = Record<string, string>;

export const getReplicaPoints = (
  params: ReplicaPointsParams,
  signal?: AbortSignal,
): Promise<ListEnvelope<ReplicaPoint>> =>
  api.get<ListEnvelope<ReplicaPoint>>('/replica-points', params, signal ? { signal } : {});

export const getReplicaPointsQueryOptions = (params: ReplicaPointsParams) =>
  queryOptions({
    queryKey: ['replica-points', 'list', params],
    queryFn: ({ signal }) => getReplicaPoints(params, signal),
    refetchInterval: LIST_REFETCH_MS,
    placeholderData: keepPreviousData,
  });

export const useReplicaPoints = ({ params }: { params: ReplicaPointsParams }) =>
  useQuery(getReplicaPointsQueryOptions(params));
