import type { ListEnvelope } from '@lifeboat/shared';
import { keepPreviousData, queryOptions, replaceEqualDeep, type QueryKey } from '@tanstack/react-query';
import { api } from './api-client.ts';
import { LIST_REFETCH_MS } from './query-client.ts';

/**
 * Pages longer than this replace the previous page whole when refetched. Comparing them item by
 * item, to keep the unchanged items, would take a long task every poll for a page of 100,000,
 * while its table (virtualized) renders a few dozen rows anyway.
 */
export const SHARED_UP_TO = 1_000;

/** A list endpoint's query params, exactly as `toApiQuery` builds them from the URL. */
export type ListParams = Record<string, string>;

/** GET one page of a list endpoint. */
export const getListPage = <T>(
  path: string,
  params: ListParams,
  signal?: AbortSignal,
): Promise<ListEnvelope<T>> => api.get<ListEnvelope<T>>(path, params, signal ? { signal } : {});

/**
 * The query of one page of a list. It polls, since the BFF serves lists from a cache that the
 * upstreams keep changing; and it keeps the previous page on screen while the next one loads, so
 * paging, sorting and filtering mark the table busy instead of blanking it.
 */
export const listQueryOptions = <T, TKey extends QueryKey>(
  queryKey: TKey,
  fetchPage: (signal: AbortSignal) => Promise<ListEnvelope<T>>,
) =>
  queryOptions({
    queryKey,
    queryFn: ({ signal }) => fetchPage(signal),
    refetchInterval: LIST_REFETCH_MS,
    placeholderData: keepPreviousData,
    structuralSharing: (old: unknown, next: unknown) =>
      (next as ListEnvelope<T>).items.length > SHARED_UP_TO ? next : replaceEqualDeep(old, next),
  });
