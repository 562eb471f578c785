import type { ListEnvelope, ReplicationJob, ReplicationJobQuery } from '@lifeboat/shared';
import type { Inventory } from '../inventory/inventory.ts';
import { listPage, sameTenant } from './list-query.ts';

export async function listReplicationJobs(
  inv: Inventory,
  q: ReplicationJobQuery,
): Promise<ListEnvelope<ReplicationJob>> {
  await inv.settled();
  return listPage(
    inv.list('replicationJobs'),
    {
      q: q.q,
      searchIn: (j) => [j.name, j.tenant, j.nativeStatus, j.failureMessage],
      filters: [
        [q.status, (j, status) => j.status === status],
        [q.source, (j, source) => j.ref.source === source],
        [q.tenant, (j, tenant) => sameTenant(tenant, j.tenant)],
      ],
      sortKeys: {
        name: (j) => j.name?.toLowerCase() ?? null,
        status: (j) => j.status,
        lastRunAt: (j) => j.lastRunAt,
        protectedVmCount: (j) => j.protectedVmCount,
      },
      sort: q.sort,
      order: q.order,
      limit: q.limit,
      cursor: q.cursor,
    },
    inv.statuses(),
    new Date(),
  );
}
