import type { ItemEnvelope, ReplicationJob } from '@lifeboat/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { LIST_REFETCH_MS } from '../../../lib/query-client.ts';
import { replicationJobsQueryKey } from './get-replication-jobs.ts';

/** GET /replication-jobs/{id}: one job with every field and its source's freshness. */
export const getReplicationJob = (id: string, signal?: AbortSignal): Promise<ItemEnvelope<ReplicationJob>> =>
  api.get<ItemEnvelope<ReplicationJob>>(
    `/replication-jobs/${encodeURIComponent(id)}`,
    undefined,
    signal ? { signal } : {},
  );

export const getReplicationJobQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...replicationJobsQueryKey, 'detail', id],
    queryFn: ({ signal }) => getReplicationJob(id, signal),
    refetchInterval: LIST_REFETCH_MS,
  });

export const useReplicationJob = ({ id }: { id: string }) => useQuery(getReplicationJobQueryOptions(id));
