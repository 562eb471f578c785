import type { FailoverSession, ItemEnvelope } from '@lifeboat/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { LIST_REFETCH_MS } from '../../../lib/query-client.ts';
import { failoverSessionsQueryKey } from './get-failover-sessions.ts';

export const getFailoverSession = (
  id: string,
  signal?: AbortSignal,
): Promise<ItemEnvelope<FailoverSession>> =>
  api.get<ItemEnvelope<FailoverSession>>(
    `/failover-sessions/${encodeURIComponent(id)}`,
    undefined,
    signal ? { signal } : {},
  );

const active = new Set(['starting', 'running', 'stopping']);

export const getFailoverSessionQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...failoverSessionsQueryKey, 'detail', id],
    queryFn: ({ signal }) => getFailoverSession(id, signal),
    // A session still in progress keeps refreshing; a finished one does not change.
    refetchInterval: (query) => (active.has(query.state.data?.item.state ?? '') ? LIST_REFETCH_MS : false),
  });

export const useFailoverSession = ({ id }: { id: string }) => useQuery(getFailoverSessionQueryOptions(id));
