import type { ListEnvelope, Plan, PlanQuery, PlanState } from '@lifeboat/shared';
import type { Inventory } from '../inventory/inventory.ts';
import { listPage, sameTenant } from './list-query.ts';

/** Plans needing attention first when sorted by state. */
const STATE_ORDER: Record<PlanState, number> = {
  running: 6,
  halted: 5,
  failed_over: 4,
  failed_back: 3,
  permanent_failover: 2,
  unknown: 1,
  ready: 0,
};

export async function listPlans(inv: Inventory, q: PlanQuery): Promise<ListEnvelope<Plan>> {
  await inv.settled();
  return listPage(
    inv.list('plans'),
    {
      q: q.q,
      searchIn: (p) => [p.name, p.tenant, p.site, p.description, p.nativeState, ...p.vms.map((v) => v.name)],
      filters: [
        [q.state, (p, state) => p.state === state],
        [q.source, (p, source) => p.ref.source === source],
        [q.tenant, (p, tenant) => sameTenant(tenant, p.tenant)],
      ],
      sortKeys: {
        state: (p) => STATE_ORDER[p.state],
        name: (p) => p.name.toLowerCase(),
        vmCount: (p) => p.vmCount,
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
