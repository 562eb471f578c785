import type { FailoverSession, FailoverSessionQuery } from '@lifeboat/shared';
import { ItemLink } from '../../../components/ui/item-link.tsx';
import type { Column } from '../../../components/ui/list-table.tsx';
import { ListTenantFilter } from '../../../components/ui/tenant-filter.tsx';
import { ListView } from '../../../components/ui/list-view.tsx';
import { displayOptions, ListSelectFilter } from '../../../components/ui/select-filter.tsx';
import { Missing, Time, Truncated } from '../../../components/ui/values.tsx';
import { formatDuration } from '../../../lib/format.ts';
import { useListState } from '../../../lib/use-list-state.ts';
import { useNow } from '../../../lib/use-now.ts';
import { ProgressBar } from '../../../components/ui/progress-bar.tsx';
import {
  failoverSessionsListSpec as spec,
  runResults,
  runStates,
  useFailoverSessions,
} from '../api/get-failover-sessions.ts';
import {
  resultDisplay,
  RunResultBadge,
  RunStateBadge,
  stateDisplay,
} from '../../../components/status/run-badges.tsx';

const stateOptions = displayOptions(runStates, stateDisplay);

const isRunning = (s: FailoverSession) =>
  s.state === 'starting' || s.state === 'running' || s.state === 'stopping';

/** A finished session's duration; a running one's time so far, ticking. */
function Duration({ session }: { session: FailoverSession }) {
  const now = useNow();
  if (!isRunning(session) || !session.startedAt)
    return <>{formatDuration(session.durationSeconds) ?? <Missing />}</>;
  return <>{formatDuration((now - Date.parse(session.startedAt)) / 1000)} so far</>;
}
const resultOptions = displayOptions(runResults, resultDisplay);

/** The plan name, linking to the session; the detail page's "back" returns to this exact list view. */
function PlanLink({ session }: { session: FailoverSession }) {
  return (
    <ItemLink to={`/failover-sessions/${encodeURIComponent(session.id)}`} title={session.planName}>
      {session.planName}
    </ItemLink>
  );
}

const columns: Column<FailoverSession, FailoverSessionQuery['sort']>[] = [
  { header: 'Plan name', sort: 'planName', cell: (session) => <PlanLink session={session} /> },
  {
    header: 'Backup server',
    hideBelow: '2xl',
    cell: (session) => <Truncated text={session.backupServer} className="max-w-48" />,
  },
  { header: 'Tenant', cell: (session) => <Truncated text={session.tenant} className="max-w-40" /> },
  {
    header: 'State',
    sort: 'state',
    cell: (session) => (
      <span className="flex flex-col gap-1">
        <RunStateBadge state={session.state} native={session.nativeState} />
        {isRunning(session) ? (
          <ProgressBar value={session.progress} label={`Progress of ${session.planName}`} />
        ) : null}
      </span>
    ),
  },
  {
    header: 'Result',
    sort: 'result',
    cell: (session) => <RunResultBadge result={session.result} native={session.nativeResult} />,
  },
  { header: 'Started', sort: 'startedAt', cell: (session) => <Time iso={session.startedAt} /> },
  { header: 'Ended', sort: 'endedAt', hideBelow: '2xl', cell: (session) => <Time iso={session.endedAt} /> },
  {
    header: 'Duration',
    sort: 'durationSeconds',
    className: 'whitespace-nowrap tabular-nums',
    cell: (session) => <Duration session={session} />,
  },
];

/** The failover sessions list; its whole view state (search, filters, sort, page) is in the URL. */
export function FailoverSessionsList() {
  const list = useListState(spec);
  const sessions = useFailoverSessions({ params: list.apiQuery });

  return (
    <ListView
      list={list}
      query={sessions}
      filterLabel="Filter failover sessions"
      searchPlaceholder="Plan, backup server or tenant"
      filters={
        <>
          <ListSelectFilter
            list={list}
            filter="state"
            label="State"
            anyLabel="Any state"
            options={stateOptions}
          />
          <ListSelectFilter
            list={list}
            filter="result"
            label="Result"
            anyLabel="Any result"
            options={resultOptions}
          />
          <ListTenantFilter list={list} />
        </>
      }
      caption="Failover sessions"
      noun="failover session"
      nounPlural="failover sessions"
      columns={columns}
      rowKey={(session) => session.id}
    />
  );
}
