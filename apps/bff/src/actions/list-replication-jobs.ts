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
        (j) => q.status === undefined || j.status === q.status,
        (j) => q.source === undefined || j.ref.source === q.source,
        (j) => sameTenant(q.tenant, j.tenant),
      ],
      sortKey: (j) => (q.sort === 'name' ? (j.name?.toLowerCase() ?? null) : j[q.sort]),
      order: q.order,
      limit: q.limit,
      cursor: q.cursor,
    },
    inv.statuses(),
    new Date(),
  );
}
