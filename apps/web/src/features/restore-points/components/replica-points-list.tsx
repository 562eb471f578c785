import type { ReplicaPoint, ReplicaPointQuery } from '@lifeboat/shared';
import type { Column } from '../../../components/ui/list-table.tsx';
import { ListTenantFilter } from '../../../components/ui/tenant-filter.tsx';
import { ListView } from '../../../components/ui/list-view.tsx';
import { TextFilter } from '../../../components/ui/text-filter.tsx';
import { Missing, Time, Truncated } from '../../../components/ui/values.tsx';
import { useListState } from '../../../lib/use-list-state.ts';
import { replicaPointsListSpec as spec, useReplicaPoints } from '../api/get-replica-points.ts';

const columns: Column<ReplicaPoint, ReplicaPointQuery['sort']>[] = [
  {
    header: 'VM',
    sort: 'vmName',
    cell: (point) => <Truncated text={point.vmName} className="max-w-64 font-medium" />,
  },
  { header: 'Point time', sort: 'pointTime', cell: (point) => <Time iso={point.pointTime} /> },
  { header: 'Type', cell: (point) => point.pointType ?? <Missing /> },
  {
    header: 'Replica job',
    sort: 'replicaName',
    cell: (point) => <Truncated text={point.replicaName} className="max-w-56" />,
  },
  {
    header: 'Backup server',
    hideBelow: 'xl',
    cell: (point) => <Truncated text={point.backupServer} className="max-w-48" />,
  },
  { header: 'Tenant', cell: (point) => <Truncated text={point.tenant} className="max-w-40" /> },
];

/** Replica restore points; search, VM filter, sort and page are in the URL. */
export function ReplicaPointsList() {
  const list = useListState(spec);
  const points = useReplicaPoints({ params: list.apiQuery });

  return (
    <ListView
      list={list}
      query={points}
      filterLabel="Filter replica points"
      searchPlaceholder="VM, replica job, server or tenant"
      filters={
        <>
          <TextFilter
            label="VM"
            type="text"
            placeholder="Exact VM name"
            value={list.state.filters.vm ?? ''}
            maxLength={512}
            className="w-56"
            onCommit={(vm, options) => list.setFilter('vm', vm, options)}
          />
          <ListTenantFilter list={list} />
        </>
      }
      caption="Replica points"
      noun="replica point"
      nounPlural="replica points"
      columns={columns}
      rowKey={(point) => point.id}
    />
  );
}
