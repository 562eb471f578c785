import { Link } from 'react-router';
import { Button } from '../../../components/ui/button.tsx';
import { ListFrame } from '../../../components/ui/list-frame.tsx';
import { SelectFilter } from '../../../components/ui/select-filter.tsx';
import { DataTable, SortableTh, tdClass, Th } from '../../../components/ui/table.tsx';
import { TextFilter } from '../../../components/ui/text-filter.tsx';
import { Missing, Time, Truncated } from '../../../components/ui/values.tsx';
import { formatAge, formatCount, formatMinutes } from '../../../lib/format.ts';
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
import { rpoStatuses, useVmRpo, vmRpoListSpec as spec } from '../api/get-vm-rpo.ts';
import { rpoDisplay, RpoStatusBadge } from './rpo-status-badge.tsx';

const statusOptions = rpoStatuses.map((value) => ({ value, label: rpoDisplay[value].label }));

/** Per-VM RPO: the latest point's age against the target, graded; filter, search and sort in the URL. */
export function VmRpoList() {
  const { state, apiQuery, update } = useListState(spec);
  const rpo = useVmRpo({ params: apiQuery });
  const onSort = (column: (typeof spec.sorts)[number]) => update(withSortToggled(spec, state, column));
  const filtered = hasFilters(state);
  const sortProps = { sort: state.sort, order: state.order, onSort };

  return (
    <div className="flex flex-col gap-4">
      <div role="search" aria-label="Filter RPO per VM" className="flex flex-wrap items-end gap-3">
        <TextFilter
          label="Search"
          placeholder="VM, replica job, server or tenant"
          value={state.q}
          maxLength={200}
          onCommit={(q, options) => update(withSearch(state, q), options)}
        />
        <SelectFilter
          label="RPO status"
          anyLabel="Any status"
          value={state.filters.status}
          options={statusOptions}
          onChange={(value) => update(withFilter(state, 'status', value))}
        />
        {filtered ? (
          <Button variant="ghost" onClick={() => update(withoutFilters(state))}>
            Clear filters
          </Button>
        ) : null}
      </div>

      <ListFrame
        query={rpo}
        state={state}
        noun="VM"
        nounPlural="VMs"
        filtered={filtered}
        onPrevious={() => update(withPreviousPage(state))}
        onNext={(cursor) => update(withNextPage(state, cursor))}
      >
        {(items) => (
          <DataTable caption="RPO per VM" busy={rpo.isPlaceholderData}>
            <thead>
              <tr>
                <SortableTh column="vmName" label="VM" {...sortProps} />
                <SortableTh column="status" label="RPO status" {...sortProps} />
                <SortableTh column="latestPointAt" label="Latest point" {...sortProps} />
                <SortableTh column="ageSeconds" label="Age" {...sortProps} />
                <Th>Points</Th>
                <Th>Target</Th>
                <Th>Replica job</Th>
                <Th>Backup server</Th>
              </tr>
            </thead>
            <tbody>
              {items.map((vm) => (
                <tr key={`${vm.source}/${vm.id}`} className="hover:bg-slate-50">
                  <td className={tdClass}>
                    <Link
                      to={`/replica-points?vm=${encodeURIComponent(vm.vmName)}`}
                      className="block max-w-64 truncate font-medium text-sky-900 underline decoration-sky-900/40 hover:decoration-sky-900"
                      title={`${vm.vmName}: show its replica points`}
                    >
                      {vm.vmName}
                    </Link>
                  </td>
                  <td className={tdClass}>
                    <RpoStatusBadge status={vm.status} />
                  </td>
                  <td className={tdClass}>
                    <Time iso={vm.latestPointAt} />
                  </td>
                  <td className={`${tdClass} whitespace-nowrap tabular-nums`}>
                    {formatAge(vm.ageSeconds) ?? <Missing />}
                  </td>
                  <td className={`${tdClass} tabular-nums`}>{formatCount(vm.pointCount)}</td>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    {formatMinutes(vm.targetMinutes) ?? <Missing />}
                  </td>
                  <td className={tdClass}>
                    <Truncated text={vm.replicaName} className="max-w-48" />
                  </td>
                  <td className={tdClass}>
                    <Truncated text={vm.backupServer} className="max-w-48" />
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
