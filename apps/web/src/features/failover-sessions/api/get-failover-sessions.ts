import type {
  FailoverSession,
  FailoverSessionQuery,
  ListEnvelope,
  RunResult,
  RunState,
} from '@lifeboat/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { LIST_REFETCH_MS } from '../../../lib/query-client.ts';
import { keysOf } from '../../../lib/enum-values.ts';
import type { ListSpec } from '../../../lib/url-state.ts';

type SessionSort = FailoverSessionQuery['sort'];

export const runStates = keysOf<RunState>({ starting: 1, running: 1, stopping: 1, stopped: 1, unknown: 1 });
export const runResults = keysOf<RunResult>({ none: 1, success: 1, warning: 1, failed: 1, unknown: 1 });
const sessionSorts = keysOf<SessionSort>({
  startedAt: 1,
  endedAt: 1,
  planName: 1,
  state: 1,
  result: 1,
  durationSeconds: 1,
});

/** The list's URL state and the exact query params GET /failover-sessions accepts. */
export const failoverSessionsListSpec = {
  sorts: sessionSorts,
  defaultSort: 'startedAt',
  defaultOrder: 'desc',
  firstOrder: { startedAt: 'desc', endedAt: 'desc', durationSeconds: 'desc' },
  filters: {
    state: { values: runStates },
    result: { values: runResults },
    source: { maxLength: 100 },
  },
} satisfies ListSpec<SessionSort, 'state' | 'result' | 'source'>;
export type FailoverSessionsParams = Record<string, string>;

export const getFailoverSessions = (
  params: FailoverSessionsParams,
  signal?: AbortSignal,
): Promise<ListEnvelope<FailoverSession>> =>
  api.get<ListEnvelope<FailoverSession>>('/failover-sessions', params, signal ? { signal } : {});

export const getFailoverSessionsQueryOptions = (params: FailoverSessionsParams) =>
  queryOptions({
    queryKey: ['failover-sessions', 'list', params],
    queryFn: ({ signal }) => getFailoverSessions(params, signal),
    refetchInterval: LIST_REFETCH_MS,
    placeholderData: keepPreviousData,
  });

export const useFailoverSessions = ({ params }: { params: FailoverSessionsParams }) =>
  useQuery(getFailoverSessionsQueryOptions(params));
