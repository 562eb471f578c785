import { rpoSeverity, type ListEnvelope, type VmRpo, type VmRpoQuery } from '@lifeboat/shared';
import type { Inventory } from '../inventory/inventory.ts';
import { listPage } from './list-query.ts';

export async function listVmRpo(inv: Inventory, q: VmRpoQuery): Promise<ListEnvelope<VmRpo>> {
  await inv.settled();
  return listPage(
    inv.vmRpo(),
    {
      q: q.q,
      searchIn: (v) => [v.vmName, v.replicaName, v.backupServer, v.tenant],
      filters: [
        (v) => q.status === undefined || v.status === q.status,
        (v) => q.source === undefined || v.source === q.source,
      ],
      // "status" sorts by severity (worst first when descending).
      sortKey: (v) => (q.sort === 'status' ? rpoSeverity[v.status] : v[q.sort]),
      order: q.order,
      limit: q.limit,
      cursor: q.cursor,
    },
    inv.statuses(),
    new Date(),
  );
}
