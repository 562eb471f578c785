import type { VmRpo, VmRpoQuery } from '@lifeboat/shared';
import { Link } from 'react-router';
import type { Column } from '../../../components/ui/list-table.tsx';
import { ListView } from '../../../components/ui/list-view.tsx';
import { displayOptions, ListSelectFilter } from '../../../components/ui/select-filter.tsx';
import { Missing, Time, Truncated } from '../../../components/ui/values.tsx';
import { formatAge, formatCount, formatMinutes } from '../../../lib/format.ts';
import { useListState } from '../../../lib/use-list-state.ts';
import { rpoStatuses, useVmRpo, vmRpoListSpec as spec } from '../api/get-vm-rpo.ts';
import { rpoDisplay, RpoStatusBadge } from '../../../components/status/rpo-status-badge.tsx';

const statusOptions = displayOptions(rpoStatuses, rpoDisplay);

const columns: Column<VmRpo, VmRpoQuery['sort']>[] = [
  {
    header: 'VM',
    sort: 'vmName',
    cell: (vm) => (
      <Link
        to={`/replica-points?vm=${encodeURIComponent(vm.vmName)}`}
        className="block max-w-64 truncate font-medium text-sky-900 underline decoration-sky-900/40 hover:decoration-sky-900"
        title={`${vm.vmName}: show its replica points`}
      >
        {vm.vmName}
      </Link>
    ),
  },
  { header: 'RPO status', sort: 'status', cell: (vm) => <RpoStatusBadge status={vm.status} /> },
  { header: 'Latest point', sort: 'latestPointAt', cell: (vm) => <Time iso={vm.latestPointAt} /> },
  {
    header: 'Age',
    sort: 'ageSeconds',
    className: 'whitespace-nowrap tabular-nums',
    cell: (vm) => formatAge(vm.ageSeconds) ?? <Missing />,
  },
  { header: 'Points', className: 'tabular-nums', cell: (vm) => formatCount(vm.pointCount) },
  {
    header: 'Target',
    className: 'whitespace-nowrap',
    cell: (vm) => formatMinutes(vm.targetMinutes) ?? <Missing />,
  },
  { header: 'Replica job', cell: (vm) => <Truncated text={vm.replicaName} className="max-w-48" /> },
  { header: 'Backup server', cell: (vm) => <Truncated text={vm.backupServer} className="max-w-48" /> },
];

/** Per-VM RPO: the latest point's age against the target, graded; filter, search and sort in the URL. */
export function VmRpoList() {
  const list = useListState(spec);
  const rpo = useVmRpo({ params: list.apiQuery });

  return (
    <ListView
      list={list}
      query={rpo}
      filterLabel="Filter RPO per VM"
      searchPlaceholder="VM, replica job, server or tenant"
      filters={
        <ListSelectFilter
          list={list}
          filter="status"
          label="RPO status"
          anyLabel="Any status"
          options={statusOptions}
        />
      }
      caption="RPO per VM"
      noun="VM"
      nounPlural="VMs"
      columns={columns}
      rowKey={(vm) => `${vm.source}/${vm.id}`}
    />
  );
}
