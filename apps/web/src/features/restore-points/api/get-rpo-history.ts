import type { RpoHistory } from '@lifeboat/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { LIST_REFETCH_MS } from '../../../lib/query-client.ts';

/** The prefix of every RPO history query. */
export const rpoHistoryQueryKey = ['rpo-history'] as const;

/** The ranges offered, in hours (the BFF keeps 30 days). */
export const rpoHistoryRanges = [24, 7 * 24, 30 * 24] as const;
export type RpoHistoryRange = (typeof rpoHistoryRanges)[number];

/** GET /rpo-history: VMs per RPO grade over the last `hours`, oldest first. */
export const getRpoHistory = (hours: RpoHistoryRange, signal?: AbortSignal): Promise<RpoHistory> =>
  api.get<RpoHistory>('/rpo-history', { hours: String(hours) }, signal ? { signal } : {});

export const getRpoHistoryQueryOptions = (hours: RpoHistoryRange) =>
  queryOptions({
    queryKey: [...rpoHistoryQueryKey, { hours }],
    queryFn: ({ signal }) => getRpoHistory(hours, signal),
    refetchInterval: LIST_REFETCH_MS,
    placeholderData: keepPreviousData,
  });

export const useRpoHistory = (hours: RpoHistoryRange) => useQuery(getRpoHistoryQueryOptions(hours));
