import type { ListEnvelope, ReplicaPoint, ReplicaPointQuery } from '@lifeboat/shared';
import { pointMs, pointSource } from '@lifeboat/upstreams';
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
        [q.vm, (p, vm) => p.vmName === vm],
        [q.source, (p, source) => pointSource(p) === source],
        [q.tenant, (p, tenant) => sameTenant(tenant, p.tenant)],
      ],
      sortKeys: {
        pointTime: pointMs,
        vmName: (p) => p.vmName,
        replicaName: (p) => p.replicaName,
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
