import type { ReplicationJob, ReplicationJobQuery } from '@lifeboat/shared';
import { useMemo } from 'react';
import { jobStatusDisplay, JobStatusBadge } from '../../../components/status/job-status-badge.tsx';
import { YesNo } from '../../../components/ui/detail-fields.tsx';
import { ItemLink } from '../../../components/ui/item-link.tsx';
import type { Column } from '../../../components/ui/list-table.tsx';
import { ListView } from '../../../components/ui/list-view.tsx';
import { displayOptions, ListSelectFilter } from '../../../components/ui/select-filter.tsx';
import { ListSourceFilter, type SourceListProps } from '../../../components/ui/source-filter.tsx';
import { ListTenantFilter } from '../../../components/ui/tenant-filter.tsx';
import { Missing, Time, Truncated } from '../../../components/ui/values.tsx';
import { formatCount } from '../../../lib/format.ts';
import { useListState } from '../../../lib/use-list-state.ts';
import {
  jobStatuses,
  replicationJobsListSpec as spec,
  useReplicationJobs,
} from '../api/get-replication-jobs.ts';
import { jobName } from './job-name.ts';

const statusOptions = displayOptions(jobStatuses, jobStatusDisplay);

function jobColumns(
  sourceName: (id: string) => string,
): Column<ReplicationJob, ReplicationJobQuery['sort']>[] {
  return [
    {
      header: 'Name',
      sort: 'name',
      cell: (job) => (
        <ItemLink
          to={`/replication-jobs/${encodeURIComponent(job.id)}`}
          title={jobName(job)}
          className="max-w-64"
        >
          {jobName(job)}
        </ItemLink>
      ),
    },
    {
      header: 'Status',
      sort: 'status',
      cell: (job) => <JobStatusBadge status={job.status} native={job.nativeStatus} />,
    },
    {
      header: 'Protected VMs',
      sort: 'protectedVmCount',
      className: 'tabular-nums',
      cell: (job) => (job.protectedVmCount === null ? <Missing /> : formatCount(job.protectedVmCount)),
    },
    { header: 'Cloud job', hideBelow: 'xl', cell: (job) => <YesNo value={job.isCloudJob} /> },
    {
      header: 'WAN acceleration',
      hideBelow: '2xl',
      cell: (job) => <YesNo value={job.throughWanAccelerators} />,
    },
    { header: 'Last run', sort: 'lastRunAt', cell: (job) => <Time iso={job.lastRunAt} /> },
    {
      header: 'Source',
      cell: (job) => <Truncated text={sourceName(job.ref.source)} className="max-w-44" />,
    },
  ];
}

/** Replication jobs; search, status and source filters, sort and page are in the URL. */
export function ReplicationJobsList({ sourceName = (id) => id, sourceOptions = [] }: SourceListProps) {
  const list = useListState(spec);
  const jobs = useReplicationJobs({ params: list.apiQuery });
  const columns = useMemo(() => jobColumns(sourceName), [sourceName]);

  return (
    <ListView
      list={list}
      query={jobs}
      filterLabel="Filter replication jobs"
      searchPlaceholder="Job name, server or tenant"
      filters={
        <>
          <ListSelectFilter
            list={list}
            filter="status"
            label="Status"
            anyLabel="Any status"
            options={statusOptions}
          />
          <ListSourceFilter list={list} options={sourceOptions} />
          <ListTenantFilter list={list} />
        </>
      }
      caption="Replication jobs"
      noun="replication job"
      nounPlural="replication jobs"
      columns={columns}
      rowKey={(job) => job.id}
    />
  );
}
