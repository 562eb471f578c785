import type { SourceList } from '@lifeboat/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
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

/** How other pages name sources: the configured name by id (the id itself until the list arrives). */
export interface SourceLabels {
  nameOf: (id: string) => string;
  /** Every configured source as a filter option, by name. */
  options: { value: string; label: string }[];
}

export function useSourceLabels(): SourceLabels {
  const { data } = useSources();
  return useMemo(() => {
    const items = data?.items ?? [];
    const names = new Map(items.map((source) => [source.id, source.name]));
    return {
      nameOf: (id: string) => names.get(id) ?? id,
      options: items
        .map((source) => ({ value: source.id, label: source.name }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    };
  }, [data]);
}
