// The VAO 2.0 family: /v2/FailoverPlans, its representation (the documented FailoverPlans schema,
// keys in the documentation's order) and its actions. Run takes {mode, planLaunchOptions}.

import type { OrchestratorPlan } from './plans-from-world.ts';
import type { PlanSnapshot, StartRequest } from './plan-state-machine.ts';
import { isActive, OPERATIONS } from './plan-states.ts';
import { readJsonObject, type JsonObject } from './request-body.ts';
import { ACCEPTED, optionalGuid, planOf, type Route } from './route.ts';
import { badRequest, json } from './vro-errors.ts';

const DETAILS_BY_RESULT = {
  Success: 'Complete, no errors, no warnings',
  Warning: 'Complete, with warnings',
  Error: 'Complete, with errors',
} as const;

/**
 * `planState`: the documented `Disabled` wins over any state (the docs show a disabled plan so);
 * an executing plan reads `Processing`, VAO's documented active state; otherwise the stable state.
 */
function planState(snapshot: PlanSnapshot): string {
  if (!snapshot.enabled) return 'Disabled';
  if (snapshot.state === 'Halting') return 'Halting';
  return isActive(snapshot.state) ? 'Processing' : snapshot.state;
}

function planStateDetails(snapshot: PlanSnapshot): string {
  const run = snapshot.run;
  if (isActive(snapshot.state) && run) {
    const label = OPERATIONS[run.operation].label;
    return snapshot.state === 'Halting'
      ? `Halting ${label}`
      : `${label[0]?.toUpperCase()}${label.slice(1)} in progress, ${run.totalProgress}% complete`;
  }
  if (snapshot.lastStableState === 'Halted') return 'Halted by user';
  if (snapshot.lastStableState === 'NotVerified') return 'Never checked or tested';
  // Only a plan that never ran is stable without a result (HALTED was handled above).
  return snapshot.result === 'None' ? 'Readiness check passed' : DETAILS_BY_RESULT[snapshot.result];
}

/** `2017-07-11T05:58:49`: the documentation's scheduleTime has no fraction and no zone. */
function scheduleTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function v2Plan(plan: OrchestratorPlan, snapshot: PlanSnapshot): Record<string, unknown> {
  const scheduled = plan.scheduleTimeMs !== undefined;
  return {
    name: plan.name,
    id: plan.id,
    contactName: plan.contactName,
    contactEmail: plan.contactEmail,
    contactTel: plan.contactTel,
    description: plan.description,
    planState: planState(snapshot),
    planStateDetails: planStateDetails(snapshot),
    planInUse: snapshot.inUse,
    scheduleEnabled: scheduled,
    // A plan without a schedule shows nulls, as in the VAO 1.0 documentation's second example.
    scheduleType: scheduled ? 'OnTime' : null,
    scheduleAfter: scheduled ? '' : null,
    scheduleAfterPlanName: scheduled ? '' : null,
    scheduleTime: plan.scheduleTimeMs === undefined ? null : scheduleTime(plan.scheduleTimeMs),
    siteScopeId: plan.siteScopeId,
    targetRPO: plan.targetRpoMinutes,
    targetRTO: plan.targetRtoMinutes,
    _links: { self: { href: `/v2/FailoverPlans/${plan.id}` } },
  };
}

/**
 * The run a Run body asks for. Modes match case-insensitively, as Json.NET reads enums; the launch
 * options are checked for type. A FailoverNow's restorePointRule date picks each VM's newest point
 * created before it; the world has no chained plans, so `executeChainedPlans` changes nothing.
 */
function runRequest(body: JsonObject): StartRequest {
  const mode = body.string('mode');
  const options = body.object('planLaunchOptions');
  switch (mode?.toLowerCase()) {
    case 'failovernow': {
      const restorePointDateMs = options?.object('restorePointRule')?.date('date');
      options?.boolean('executeChainedPlans');
      return { operation: 'failover', restorePointDateMs };
    }
    case 'permanentfailovernow':
      return { operation: 'permanentFailover' };
    case 'failback':
      options?.boolean('failbackRestoreVMTags');
      optionalGuid(options?.string('recoveryLocationId'), 'recoveryLocationId');
      return { operation: 'failback' };
    case 'commitfailback':
      return { operation: 'commitFailback' };
    default:
      throw badRequest(
        `"mode" must be FailoverNow, PermanentFailoverNow, Failback or CommitFailBack, got ${JSON.stringify(mode ?? null)}.`,
      );
  }
}

const PLANS = '/v2/FailoverPlans';

export const v2Routes: readonly Route[] = [
  {
    method: 'GET',
    template: PLANS,
    handle: (ctx) =>
      json(
        200,
        ctx.catalog.plans.map((plan) => v2Plan(plan, ctx.machine.snapshot(plan))),
      ),
  },
  {
    method: 'GET',
    template: `${PLANS}/{id}`,
    handle(ctx, id) {
      const plan = planOf(ctx, id);
      return json(200, v2Plan(plan, ctx.machine.snapshot(plan)));
    },
  },
  {
    method: 'POST',
    template: `${PLANS}/{id}/Run`,
    async handle(ctx, id) {
      const plan = planOf(ctx, id);
      ctx.machine.start(plan, runRequest(await readJsonObject(ctx.request, false)));
      return ACCEPTED;
    },
  },
  {
    method: 'POST',
    template: `${PLANS}/{id}/Undo`,
    handle(ctx, id) {
      ctx.machine.undo(planOf(ctx, id));
      return ACCEPTED;
    },
  },
  {
    method: 'POST',
    template: `${PLANS}/{id}/Halt`,
    async handle(ctx, id) {
      const plan = planOf(ctx, id);
      // fullStop also halts chained plans; the world has none, so only its type is checked.
      (await readJsonObject(ctx.request, true)).boolean('fullStop');
      ctx.machine.halt(plan);
      return ACCEPTED;
    },
  },
  {
    method: 'POST',
    template: `${PLANS}/{id}/Enable`,
    handle(ctx, id) {
      ctx.machine.setEnabled(planOf(ctx, id), true);
      return ACCEPTED;
    },
  },
  {
    method: 'POST',
    template: `${PLANS}/{id}/Disable`,
    handle(ctx, id) {
      ctx.machine.setEnabled(planOf(ctx, id), false);
      return ACCEPTED;
    },
  },
];
