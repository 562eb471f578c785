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
        [q.state, (s, state) => s.state === state],
        [q.result, (s, result) => s.result === result],
        [q.source, (s, source) => s.ref.source === source],
        [q.tenant, (s, tenant) => sameTenant(tenant, s.tenant)],
      ],
      sortKeys: {
        startedAt: (s) => s.startedAt,
        endedAt: (s) => s.endedAt,
        planName: (s) => s.planName,
        state: (s) => s.state,
        result: (s) => s.result,
        durationSeconds: (s) => s.durationSeconds,
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
