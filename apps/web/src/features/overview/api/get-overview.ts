import type { Overview } from '@lifeboat/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { LIST_REFETCH_MS } from '../../../lib/query-client.ts';

export const overviewQueryKey = ['overview'] as const;

/** GET /overview: the worst-of status and the summaries of the landing page. */
export const getOverview = (signal?: AbortSignal): Promise<Overview> =>
  api.get<Overview>('/overview', undefined, signal ? { signal } : {});

export const getOverviewQueryOptions = () =>
  queryOptions({
    queryKey: overviewQueryKey,
    queryFn: ({ signal }) => getOverview(signal),
    refetchInterval: LIST_REFETCH_MS,
  });

export const useOverview = () => useQuery(getOverviewQueryOptions());
