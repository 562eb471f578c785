import type { JobStatus, ReplicationJob, ReplicationJobQuery } from '@lifeboat/shared';
import { useQuery } from '@tanstack/react-query';
import { keysOf } from '../../../lib/enum-values.ts';
import { getListPage, listQueryOptions, type ListParams } from '../../../lib/list-query.ts';
import type { ListSpec } from '../../../lib/url-state.ts';

type JobSort = ReplicationJobQuery['sort'];

/** The prefix of every replication-job query (list pages and details), to invalidate them all. */
export const replicationJobsQueryKey = ['replication-jobs'] as const;

export const jobStatuses = keysOf<JobStatus>({
  failed: 1,
  warning: 1,
  running: 1,
  success: 1,
  none: 1,
  disabled: 1,
  unknown: 1,
});
const jobSorts = keysOf<JobSort>({ name: 1, status: 1, lastRunAt: 1, protectedVmCount: 1 });

/** The list's URL state and the exact query params GET /replication-jobs accepts. */
export const replicationJobsListSpec = {
  sorts: jobSorts,
  defaultSort: 'name',
  defaultOrder: 'asc',
  firstOrder: { lastRunAt: 'desc', protectedVmCount: 'desc' },
  filters: {
    status: { values: jobStatuses },
    source: { maxLength: 100 },
    tenant: { maxLength: 200 },
  },
} satisfies ListSpec<JobSort, 'status' | 'source' | 'tenant'>;

export const getReplicationJobs = (params: ListParams, signal?: AbortSignal) =>
  getListPage<ReplicationJob>('/replication-jobs', params, signal);

export const getReplicationJobsQueryOptions = (params: ListParams) =>
  listQueryOptions([...replicationJobsQueryKey, 'list', params], (signal) =>
    getReplicationJobs(params, signal),
  );

export const useReplicationJobs = ({ params }: { params: ListParams }) =>
  useQuery(getReplicationJobsQueryOptions(params));
