import { rpoSeverity, type ListEnvelope, type VmRpo, type VmRpoQuery } from '@lifeboat/shared';
import type { Inventory } from '../inventory/inventory.ts';
import { withAge, type GradedVm } from '../inventory/vm-rpo.ts';
import { keptForAnswers } from '../http/send-json.ts';
import { csvRow } from './csv.ts';
import { listPage, sameTenant } from './list-query.ts';

export async function listVmRpo(inv: Inventory, q: VmRpoQuery): Promise<ListEnvelope<VmRpo>> {
  // Every matching VM for a download; one page otherwise.
  const limit = q.format === 'csv' ? Number.MAX_SAFE_INTEGER : q.limit;
  await inv.settled();
  const { vms, basis, at } = await inv.vmRpo();
  const page = await listPage(
    vms,
    {
      q: q.q,
      searchIn: (v) => [v.vmName, v.replicaName, v.backupServer, v.tenant],
      filters: [
        [q.status, (v, status) => v.status === status],
        [q.source, (v, source) => v.source === source],
        [q.vm, (v, vm) => v.vmName === vm],
        [q.tenant, (v, tenant) => sameTenant(tenant, v.tenant)],
      ],
      sortKeys: {
        // By severity: worst first when descending.
        status: (v) => rpoSeverity[v.status],
        vmName: (v) => v.vmName,
        latestPointAt: (v) => v.latestPointAt,
        // Youngest first: the newest point first, to the millisecond (ages are whole seconds).
        ageSeconds: (v) => (v.latestPointAt === null ? null : -Date.parse(v.latestPointAt)),
      },
      sort: q.sort,
      order: q.order,
      // Graded anew when a grade changes, the VMs keep their order by name, by newest point and so
      // by age: only the order by status is made again.
      basis: { items: basis, sorts: ['vmName', 'latestPointAt', 'ageSeconds'] },
      limit,
      cursor: q.format === 'csv' ? undefined : q.cursor,
    },
    inv.statuses(),
    new Date(),
  );
  return { ...page, items: withAges(page.items, at) };
}

const aged = new WeakMap<readonly GradedVm[], { at: Date; items: VmRpo[] }>();

/** A page's VMs with their ages at `at`: made once per page and grading, as the page is (list-query.ts). */
function withAges(page: readonly GradedVm[], at: Date): VmRpo[] {
  const hit = aged.get(page);
  if (hit?.at === at) return hit.items;
  const items = keptForAnswers(page.map((v) => withAge(v, at)));
  aged.set(page, { at, items });
  return items;
}

const COLUMNS = [
  'vmName',
  'tenant',
  'status',
  'ageSeconds',
  'targetMinutes',
  'latestPointAt',
  'pointCount',
  'replicaName',
  'backupServer',
  'source',
] as const satisfies readonly (keyof VmRpo)[];

/** The RPO of every matching VM as CSV, in the list's order, with the time of the report in its name. */
export async function exportVmRpo(
  inv: Inventory,
  q: VmRpoQuery,
): Promise<{ filename: string; body: string }> {
  const { items, asOf } = await listVmRpo(inv, q);
  const rows = items.map((v) => csvRow(COLUMNS.map((c) => (v[c] === null ? '' : String(v[c])))));
  const stamp = asOf.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return { filename: `lifeboat-rpo-${stamp}.csv`, body: csvRow(COLUMNS) + rows.join('') };
}
