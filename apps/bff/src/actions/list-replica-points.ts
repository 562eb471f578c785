import type { ListEnvelope, ReplicaPoint, ReplicaPointQuery } from '@lifeboat/shared';
import type { Inventory } from '../inventory/inventory.ts';
import { listPage, sameTenant } from './list-query.ts';

export async function listReplicaPoints(
  inv: Inventory,
  q: ReplicaPointQuery,
): Promise<ListEnvelope<ReplicaPoint>> {
  await inv.settled();
  return listPage(
    inv.list('replicaPoints'),
    {
      q: q.q,
      searchIn: (p) => [p.vmName, p.replicaName, p.backupServer, p.tenant],
      filters: [
        (p) => q.vm === undefined || p.vmName === q.vm,
        (p) => q.source === undefined || p.ref.source === q.source,
        (p) => sameTenant(q.tenant, p.tenant),
      ],
      sortKey: (p) => p[q.sort],
      order: q.order,
      limit: q.limit,
      cursor: q.cursor,
    },
    inv.statuses(),
    new Date(),
  );
}
