// Cloud failover plans: one or two per tenant, each including a subset of the tenant's VMs in a
// boot order. Each plan also gets where its story stands at the world's start (its "ending"), which
// generate-sessions.ts turns into session history; a disabled plan is always idle.

import type { Rng } from './prng.ts';
import type { ScalePreset } from './scale.ts';
import type { FailoverPlan, PlanVm } from './types.ts';

export type PlanEnding = 'working' | 'starting' | 'stopping' | 'failed-over' | 'idle';

/** The first plans' endings, so that even the small world has a session in every state. */
const FIXED_ENDINGS: readonly PlanEnding[] = ['working', 'starting', 'stopping', 'failed-over', 'idle'];
const ENDING_WEIGHTS: Readonly<Record<PlanEnding, number>> = {
  idle: 72,
  'failed-over': 12,
  working: 6,
  starting: 4,
  stopping: 6,
};
/** The RPO target every plan carries (the Orchestrator's view); the RPO picture is built for it. */
const TARGET_RPO_MINUTES = 60;
/** Share of a tenant's VMs that are in some plan: the rest are replicated but not in any plan. */
const SHARE_IN_PLANS = 0.8;

export function generatePlans(
  rng: Rng,
  guid: () => string,
  preset: ScalePreset,
  tenantNames: readonly string[],
  tenantUids: readonly string[],
  vmsByTenant: readonly (readonly number[])[],
): { plans: FailoverPlan[]; endings: PlanEnding[] } {
  const plans: FailoverPlan[] = [];
  const endings: PlanEnding[] = [];
  tenantNames.forEach((tenantName, tenant) => {
    const tenantVms = rng.shuffle(vmsByTenant[tenant] ?? []);
    const included = tenantVms.slice(0, Math.max(1, Math.ceil(tenantVms.length * SHARE_IN_PLANS)));
    // The first two tenants always have two plans, so the fixed endings fit in the small world.
    const wanted = tenant < 2 ? 2 : rng.chance(0.3) ? 2 : 1;
    const planCount = Math.min(wanted, included.length);
    const perPlan = Math.min(preset.maxVmsPerPlan, Math.ceil(included.length / planCount));
    for (let nth = 0; nth < planCount; nth++) {
      const index = plans.length;
      const ending = FIXED_ENDINGS[index] ?? rng.weighted(ENDING_WEIGHTS);
      const tier = planCount > 1 ? ` Tier ${nth + 1}` : '';
      const withPre = rng.chance(0.3);
      const withPost = rng.chance(0.4);
      plans.push({
        index,
        uid: guid(),
        name: `${tenantName}${tier} Failover Plan`,
        tenant,
        backupServer: tenant % preset.backupServers,
        description: `Cloud failover plan for ${tenantName}${tier.toLowerCase()} full site failover`,
        vms: included
          .slice(nth * perPlan, (nth + 1) * perPlan)
          .map((vm, order): PlanVm => ({ vm, planVmId: guid(), order })),
        preCommand: withPre ? 'C:\\Scripts\\pre-failover.cmd' : undefined,
        postCommand: withPost ? 'C:\\Scripts\\notify-noc.ps1 -Plan "%plan%"' : undefined,
        targetRpoMinutes: TARGET_RPO_MINUTES,
        enabled: ending !== 'idle' || (index !== 4 && !rng.chance(0.08)),
      });
      endings.push(ending);
    }
  });
  return { plans, endings };
}
