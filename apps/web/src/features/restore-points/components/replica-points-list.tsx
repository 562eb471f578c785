import { useListState } from '../../../lib/use-list-state.ts';
import { Button } from '../../../components/ui/button.tsx';
import { ListFrame } from '../../../components/ui/list-frame.tsx';
import { DataTable, SortableTh, tdClass, Th } from '../../../components/ui/table.tsx';
import { TextFilter } from '../../../components/ui/text-filter.tsx';
import { Missing, Time, Truncated } from '../../../components/ui/values.tsx';
import {
  hasFilters,
  withFilter,
  withNextPage,
  withoutFilters,
  withPreviousPage,
  withSearch,
  withSortToggled,
} from '../../../lib/url-state.ts';
import { replicaPointsListSpec as spec, useReplicaPoints } from '../api/get-replica-points.ts';

/** Replica restore points; search, VM filter, sort and page are in the URL. */
export function ReplicaPointsList() {
  const { state, apiQuery, update } = useListState(spec);
  const points = useReplicaPoints({ params: apiQuery });
  const onSort = (column: (typeof spec.sorts)[number]) => update(withSortToggled(spec, state, column));
  const filtered = hasFilters(state);
  const sortProps = { sort: state.sort, order: state.order, onSort };

  return (
    <div className="flex flex-col gap-4">
      <div role="search" aria-label="Filter replica points" className="flex flex-wrap items-end gap-3">
        <TextFilter
          label="Search"
          placeholder="VM, replica job, server or tenant"
          value={state.q}
          maxLength={200}
          onCommit={(q, options) => update(withSearch(state, q), options)}
        />
        <TextFilter
          label="VM"
          type="text"
          placeholder="Exact VM name"
          value={state.filters.vm ?? ''}
          maxLength={512}
          className="w-56"
          onCommit={(vm, options) => update(withFilter(state, 'vm', vm), options)}
        />
        {filtered ? (
          <Button variant="ghost" onClick={() => update(withoutFilters(state))}>
            Clear filters
          </Button>
        ) : null}
      </div>

      <ListFrame
        query={points}
        state={state}
        noun="replica point"
        nounPlural="replica points"
        filtered={filtered}
        onPrevious={() => update(withPreviousPage(state))}
        onNext={(cursor) => update(withNextPage(state, cursor))}
      >
        {(items) => (
          <DataTable caption="Replica points" busy={points.isPlaceholderData}>
            <thead>
              <tr>
                <SortableTh column="vmName" label="VM" {...sortProps} />
                <SortableTh column="pointTime" label="Point time" {...sortProps} />
                <Th>Type</Th>
                <SortableTh column="replicaName" label="Replica job" {...sortProps} />
                <Th>Backup server</Th>
                <Th>Tenant</Th>
              </tr>
            </thead>
            <tbody>
              {items.map((point) => (
                <tr key={point.id} className="hover:bg-slate-50">
                  <td className={tdClass}>
                    <Truncated text={point.vmName} className="max-w-64 font-medium" />
                  </td>
                  <td className={tdClass}>
                    <Time iso={point.pointTime} />
                  </td>
                  <td className={tdClass}>{point.pointType ?? <Missing />}</td>
                  <td className={tdClass}>
                    <Truncated text={point.replicaName} className="max-w-56" />
                  </td>
                  <td className={tdClass}>
                    <Truncated text={point.backupServer} className="max-w-48" />
                  </td>
                  <td className={tdClass}>
                    <Truncated text={point.tenant} className="max-w-40" />
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
