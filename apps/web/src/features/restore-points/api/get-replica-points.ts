import type { ReplicaPoint, ReplicaPointQuery } from '@lifeboat/shared';
import { useQuery } from '@tanstack/react-query';
import { keysOf } from '../../../lib/enum-values.ts';
import { getListPage, listQueryOptions, type ListParams } from '../../../lib/list-query.ts';
import type { ListSpec } from '../../../lib/url-state.ts';

type PointSort = ReplicaPointQuery['sort'];

/** The prefix of every replica-point query, to invalidate them all. */
export const replicaPointsQueryKey = ['replica-points'] as const;

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
    tenant: { maxLength: 200 },
  },
} satisfies ListSpec<PointSort, 'vm' | 'source' | 'tenant'>;

export const getReplicaPoints = (params: ListParams, signal?: AbortSignal) =>
  getListPage<ReplicaPoint>('/replica-points', params, signal);

export const getReplicaPointsQueryOptions = (params: ListParams) =>
  listQueryOptions([...replicaPointsQueryKey, 'list', params], (signal) => getReplicaPoints(params, signal));

export const useReplicaPoints = ({ params }: { params: ListParams }) =>
  useQuery(getReplicaPointsQueryOptions(params));
