import {
  gradeRpo,
  type ItemEnvelope,
  type PlanRestorePoints,
  type PlanVmRestorePoint,
  type ReplicaPoint,
} from '@lifeboat/shared';
import { pointMs } from '@lifeboat/upstreams';
import { NotFound } from '../errors.ts';
import type { Inventory } from '../inventory/inventory.ts';
import { pointsByVmName } from './points-by-vm-name.ts';
import { ageAt } from '../inventory/vm-rpo.ts';

/**
 * For the pre-flight of a failover: for each VM the plan names, the restore point it would come
 * back from (the newest, or the newest before `before`) and its age against the RPO target. Points
 * are matched by VM name, within the plan's tenant when both say one.
 */
export async function getPlanRestorePoints(
  inv: Inventory,
  planId: string,
  before: string | undefined,
): Promise<ItemEnvelope<PlanRestorePoints>> {
  await inv.settled();
  const plan = inv.list('plans').find((p) => p.id === planId);
  const poller = plan && inv.poller(plan.ref.source);
  if (!plan || !poller) throw new NotFound(`No plan ${planId}.`);

  const wanted = new Set(plan.vms.map((vm) => vm.name.toLowerCase()));
  const limit = before ? Date.parse(before) : Infinity;
  const chosen = new Map<string, { point: ReplicaPoint; at: number }>();
  const byName = await pointsByVmName(inv.list('replicaPoints'));
  for (const name of wanted)
    for (const point of byName.get(name) ?? []) {
      if (plan.tenant && point.tenant && point.tenant !== plan.tenant) continue;
      const at = pointMs(point);
      if (at >= limit) continue;
      const cur = chosen.get(name);
      if (!cur || at > cur.at) chosen.set(name, { point, at });
    }

  const now = Date.now();
  const vms = plan.vms.map((vm): PlanVmRestorePoint => {
    const hit = chosen.get(vm.name.toLowerCase());
    const ageSeconds = hit ? ageAt(hit.at, now) : null;
    // The same target the RPO page grades this VM against, so the two never disagree.
    const { minutes: targetMinutes } = inv.rpoTargetOf({
      vmName: vm.name,
      tenant: hit?.point.tenant ?? plan.tenant,
      replicaName: hit?.point.replicaName ?? null,
      replicaId: hit?.point.replicaId ?? null,
    });
    return {
      vmName: vm.name,
      pointTime: hit?.point.pointTime ?? null,
      ageSeconds,
      targetMinutes,
      status: gradeRpo(ageSeconds, targetMinutes),
      source: hit?.point.ref.source ?? null,
    };
  });
  const pointSources = new Set(vms.flatMap((v) => (v.source ? [v.source] : [])));
  return {
    item: { planId, before: before ?? null, vms, vmsKnown: plan.vms.length > 0 },
    asOf: new Date(now).toISOString(),
    sources: inv.statuses().filter((s) => s.id === plan.ref.source || pointSources.has(s.id)),
  };
}
