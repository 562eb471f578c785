import type { FailoverSession, FailoverSessionQuery, ListEnvelope } from '@lifeboat/shared';
import type { Inventory } from '../inventory/inventory.ts';
import { listPage, sameTenant } from './list-query.ts';

export async function listFailoverSessions(
  inv: Inventory,
  q: FailoverSessionQuery,
): Promise<ListEnvelope<FailoverSession>> {
  await inv.settled();
  return listPage(
    inv.list('failoverSessions'),
    {
      q: q.q,
      searchIn: (s) => [
        s.planName,
        s.backupServer,
        s.tenant,
        s.failureMessage,
        ...s.vms.map((v) => v.vmName),
      ],
      filters: [
        (s) => q.state === undefined || s.state === q.state,
        (s) => q.result === undefined || s.result === q.result,
        (s) => q.source === undefined || s.ref.source === q.source,
        (s) => sameTenant(q.tenant, s.tenant),
      ],
      sortKey: (s) => s[q.sort],
      order: q.order,
      limit: q.limit,
      cursor: q.cursor,
    },
    inv.statuses(),
    new Date(),
  );
}
