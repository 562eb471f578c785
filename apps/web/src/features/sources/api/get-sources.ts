import type { SourceList } from '@lifeboat/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { LIST_REFETCH_MS } from '../../../lib/query-client.ts';

export const sourcesQueryKey = ['sources', 'list'] as const;

/** GET /sources: every configured upstream with its health and the age of its data. */
export const getSources = (signal?: AbortSignal): Promise<SourceList> =>
  api.get<SourceList>('/sources', undefined, signal ? { signal } : {});

export const getSourcesQueryOptions = () =>
  queryOptions({
    queryKey: sourcesQueryKey,
    queryFn: ({ signal }) => getSources(signal),
    refetchInterval: LIST_REFETCH_MS,
  });

export const useSources = () => useQuery(getSourcesQueryOptions());
