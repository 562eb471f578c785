import type { ListEnvelope, Operation, Overview, SessionInfo, SourceList } from '@lifeboat/shared';
import { useQuery, type QueryKey, type UseQueryResult } from '@tanstack/react-query';

/** One query the wall reads: its key and its fetcher. */
export interface WallQuery<T> {
  queryKey: QueryKey;
  fetch: (signal: AbortSignal) => Promise<T>;
}

/**
 * The queries the wall reads, handed in by the app (features do not import each other): the
 * same keys as the console's, so the event stream refreshes them as it refreshes every page.
 */
export interface WallQueries {
  /** GET /auth/me: the session, or null when there is none. */
  session: WallQuery<SessionInfo | null>;
  overview: WallQuery<Overview>;
  sources: WallQuery<SourceList>;
  /** GET /operations?state=failed, newest first. */
  failedOperations: WallQuery<ListEnvelope<Operation>>;
  /** GET /operations?state=unknown, newest first. */
  unknownOperations: WallQuery<ListEnvelope<Operation>>;
}

/** The wall's data queries (all but the session), for refreshing them together. */
export const dataQueryNames = [
  'overview',
  'sources',
  'failedOperations',
  'unknownOperations',
] as const satisfies readonly (keyof WallQueries)[];

export interface WallData {
  overview: UseQueryResult<Overview>;
  sources: UseQueryResult<SourceList>;
  failedOperations: UseQueryResult<ListEnvelope<Operation>>;
  unknownOperations: UseQueryResult<ListEnvelope<Operation>>;
  /** The latest fetch of some query failed, or is being retried; the last good data is kept. */
  failing: boolean;
  fetching: boolean;
  /** When the last good answer arrived (browser ms); 0 before any. */
  lastSuccessAt: number;
  /** Refetches every query now. */
  refresh: () => void;
}

/** A data query of the wall: it never polls by itself (see `useWallData`). */
function options<T>(query: WallQuery<T>, enabled: boolean) {
  return {
    queryKey: query.queryKey,
    queryFn: ({ signal }: { signal: AbortSignal }) => query.fetch(signal),
    enabled,
    refetchInterval: false,
  } as const;
}

/**
 * The wall's data, read while `enabled` (signed in). The wall refreshes all of it on its own
 * cycle, so that one countdown tells when the next refresh is, and no query polls by itself.
 */
export function useWallData(queries: WallQueries, enabled: boolean): WallData {
  const overview = useQuery(options(queries.overview, enabled));
  const sources = useQuery(options(queries.sources, enabled));
  const failedOperations = useQuery(options(queries.failedOperations, enabled));
  const unknownOperations = useQuery(options(queries.unknownOperations, enabled));
  const all = [overview, sources, failedOperations, unknownOperations];
  return {
    overview,
    sources,
    failedOperations,
    unknownOperations,
    failing: all.some((q) => q.isError || q.failureCount > 0),
    fetching: all.some((q) => q.isFetching),
    lastSuccessAt: Math.max(0, ...all.map((q) => q.dataUpdatedAt)),
    refresh: () => {
      for (const q of all) void q.refetch();
    },
  };
}
