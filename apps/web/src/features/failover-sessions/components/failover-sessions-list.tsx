import { Link, useLocation } from 'react-router';
import { Button } from '../../../components/ui/button.tsx';
import { ListFrame } from '../../../components/ui/list-frame.tsx';
import { SelectFilter } from '../../../components/ui/select-filter.tsx';
import { DataTable, SortableTh, tdClass, Th } from '../../../components/ui/table.tsx';
import { TextFilter } from '../../../components/ui/text-filter.tsx';
import { Missing, Time, Truncated } from '../../../components/ui/values.tsx';
import { formatDuration } from '../../../lib/format.ts';
import { useListState } from '../../../lib/use-list-state.ts';
import {
  hasFilters,
  withFilter,
  withNextPage,
  withoutFilters,
  withPreviousPage,
  withSearch,
  withSortToggled,
} from '../../../lib/url-state.ts';
import {
  failoverSessionsListSpec as spec,
  runResults,
  runStates,
  useFailoverSessions,
} from '../api/get-failover-sessions.ts';
import { resultDisplay, RunResultBadge, RunStateBadge, stateDisplay } from './run-badges.tsx';

const stateOptions = runStates.map((value) => ({ value, label: stateDisplay[value].label }));
const resultOptions = runResults.map((value) => ({ value, label: resultDisplay[value].label }));

/** The failover sessions list; its whole view state (search, filters, sort, page) is in the URL. */
export function FailoverSessionsList() {
  const { state, apiQuery, update } = useListState(spec);
  const sessions = useFailoverSessions({ params: apiQuery });
  const location = useLocation();
  const onSort = (column: (typeof spec.sorts)[number]) => update(withSortToggled(spec, state, column));
  const filtered = hasFilters(state);
  const sortProps = { sort: state.sort, order: state.order, onSort };

  return (
    <div className="flex flex-col gap-4">
      <div role="search" aria-label="Filter failover sessions" className="flex flex-wrap items-end gap-3">
        <TextFilter
          label="Search"
          placeholder="Plan, backup server or tenant"
          value={state.q}
          maxLength={200}
          onCommit={(q, options) => update(withSearch(state, q), options)}
        />
        <SelectFilter
          label="State"
          anyLabel="Any state"
          value={state.filters.state}
          options={stateOptions}
          onChange={(value) => update(withFilter(state, 'state', value))}
        />
        <SelectFilter
          label="Result"
          anyLabel="Any result"
          value={state.filters.result}
          options={resultOptions}
          onChange={(value) => update(withFilter(state, 'result', value))}
        />
        {filtered ? (
          <Button variant="ghost" onClick={() => update(withoutFilters(state))}>
            Clear filters
          </Button>
        ) : null}
      </div>

      <ListFrame
        query={sessions}
        state={state}
        noun="failover session"
        nounPlural="failover sessions"
        filtered={filtered}
        onPrevious={() => update(withPreviousPage(state))}
        onNext={(cursor) => update(withNextPage(state, cursor))}
      >
        {(items) => (
          <DataTable caption="Failover sessions" busy={sessions.isPlaceholderData}>
            <thead>
              <tr>
                <SortableTh column="planName" label="Plan name" {...sortProps} />
                <Th>Backup server</Th>
                <Th>Tenant</Th>
                <SortableTh column="state" label="State" {...sortProps} />
                <SortableTh column="result" label="Result" {...sortProps} />
                <SortableTh column="startedAt" label="Started" {...sortProps} />
                <SortableTh column="endedAt" label="Ended" {...sortProps} />
                <SortableTh column="durationSeconds" label="Duration" {...sortProps} />
              </tr>
            </thead>
            <tbody>
              {items.map((session) => (
                <tr key={session.id} className="hover:bg-slate-50">
                  <td className={tdClass}>
                    <Link
                      to={`/failover-sessions/${encodeURIComponent(session.id)}`}
                      state={{ listSearch: location.search }}
                      className="block max-w-72 truncate font-medium text-sky-900 underline decoration-sky-900/40 hover:decoration-sky-900"
                      title={session.planName}
                    >
                      {session.planName}
                    </Link>
                  </td>
                  <td className={tdClass}>
                    <Truncated text={session.backupServer} className="max-w-48" />
                  </td>
                  <td className={tdClass}>
                    <Truncated text={session.tenant} className="max-w-40" />
                  </td>
                  <td className={tdClass}>
                    <RunStateBadge state={session.state} native={session.nativeState} />
                  </td>
                  <td className={tdClass}>
                    <RunResultBadge result={session.result} native={session.nativeResult} />
                  </td>
                  <td className={tdClass}>
                    <Time iso={session.startedAt} />
                  </td>
                  <td className={tdClass}>
                    <Time iso={session.endedAt} />
                  </td>
                  <td className={`${tdClass} whitespace-nowrap tabular-nums`}>
                    {formatDuration(session.durationSeconds) ?? <Missing />}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </ListFrame>
    </div>
  );
}
