import type { RpoTargetSource, VmRpo, VmRpoQuery } from '@lifeboat/shared';
import { Link } from 'react-router';
import type { Column } from '../../../components/ui/list-table.tsx';
import { ListTenantFilter } from '../../../components/ui/tenant-filter.tsx';
import { ListView } from '../../../components/ui/list-view.tsx';
import { displayOptions, ListSelectFilter } from '../../../components/ui/select-filter.tsx';
import { Missing, Time, Truncated } from '../../../components/ui/values.tsx';
import { formatAge, formatCount, formatMinutes } from '../../../lib/format.ts';
import { useListState } from '../../../lib/use-list-state.ts';
import { useVmRpo, vmRpoCsvUrl, vmRpoListSpec as spec } from '../api/get-vm-rpo.ts';
import {
  rpoDisplay,
  rpoGradesWorstFirst,
  RpoStatusBadge,
} from '../../../components/status/rpo-status-badge.tsx';

const statusOptions = displayOptions(rpoGradesWorstFirst, rpoDisplay);

/** Where a VM's target came from, in a word beside it. */
const targetSources: Record<RpoTargetSource, { label: string; title: string }> = {
  vm: { label: "VM's own", title: 'Set for this VM in the configuration' },
  job: { label: 'job', title: "Set for this VM's replication job in the configuration" },
  tenant: { label: 'tenant', title: "Set for this VM's tenant in the configuration" },
  default: { label: 'default', title: 'The default target: the configuration sets none for this VM' },
};

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
    cell: (vm) => (
      <>
        {formatMinutes(vm.targetMinutes) ?? <Missing />}{' '}
        <span className="text-xs text-slate-600" title={targetSources[vm.targetSource].title}>
          ({targetSources[vm.targetSource].label})
        </span>
      </>
    ),
  },
  { header: 'Tenant', cell: (vm) => <Truncated text={vm.tenant} className="max-w-40" /> },
  {
    header: 'Replica job',
    hideBelow: 'xl',
    cell: (vm) => <Truncated text={vm.replicaName} className="max-w-48" />,
  },
  {
    header: 'Backup server',
    hideBelow: '2xl',
    cell: (vm) => <Truncated text={vm.backupServer} className="max-w-48" />,
  },
];

/** Per-VM RPO: the latest point's age against the target, graded; filter, search and sort in the URL. */
export function VmRpoList() {
  const list = useListState(spec);
  const rpo = useVmRpo({ params: list.apiQuery });

  return (
    <div className="flex flex-col gap-4">
      <p className="flex flex-wrap items-center gap-3">
        <a
          href={vmRpoCsvUrl(list.apiQuery)}
          download
          className="inline-flex items-center rounded-md px-3 py-1.5 text-sm font-medium text-sky-900 ring-1 ring-slate-400 ring-inset hover:bg-slate-100"
        >
          Download CSV
        </a>
        <span className="text-xs text-slate-700">Every VM matching the filters, not just this page.</span>
      </p>
      <ListView
        list={list}
        query={rpo}
        filterLabel="Filter RPO per VM"
        searchPlaceholder="VM, replica job, server or tenant"
        filters={
          <>
            <ListSelectFilter
              list={list}
              filter="status"
              label="RPO status"
              anyLabel="Any status"
              options={statusOptions}
            />
            <ListTenantFilter list={list} />
          </>
        }
        caption="RPO per VM"
        noun="VM"
        nounPlural="VMs"
        columns={columns}
        rowKey={(vm) => `${vm.source}/${vm.id}`}
      />
    </div>
  );
}
