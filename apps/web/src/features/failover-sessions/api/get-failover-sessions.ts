import type { FailoverSession, FailoverSessionQuery, RunResult, RunState } from '@lifeboat/shared';
import { useQuery } from '@tanstack/react-query';
import { keysOf } from '../../../lib/enum-values.ts';
import { getListPage, listQueryOptions, type ListParams } from '../../../lib/list-query.ts';
import type { ListSpec } from '../../../lib/url-state.ts';

type SessionSort = FailoverSessionQuery['sort'];

/** The prefix of every failover-session query (list pages and details), to invalidate them all. */
export const failoverSessionsQueryKey = ['failover-sessions'] as const;

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
    tenant: { maxLength: 200 },
  },
} satisfies ListSpec<SessionSort, 'state' | 'result' | 'source' | 'tenant'>;

export const getFailoverSessions = (params: ListParams, signal?: AbortSignal) =>
  getListPage<FailoverSession>('/failover-sessions', params, signal);

export const getFailoverSessionsQueryOptions = (params: ListParams) =>
  listQueryOptions([...failoverSessionsQueryKey, 'list', params], (signal) =>
    getFailoverSessions(params, signal),
  );

export const useFailoverSessions = ({ params }: { params: ListParams }) =>
  useQuery(getFailoverSessionsQueryOptions(params));
