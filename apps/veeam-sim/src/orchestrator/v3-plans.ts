// The VAO 3.0 family over the same plans: /api/v3/Plans (RecoveryPlanInfo), its actions, and
// /api/v3/RuntimeDetails/Plans/{planId} (PlanRuntimeDetails). Field names are the documented ones;
// `enabled`, `vmCount` and the per-VM and per-step progress under `vms` are ours, since Veeam's
// field list is partial and the runtime sub-resources (Groups, Vms/{vmId}/Steps) were not retrieved.

import type { OrchestratorPlan } from './plans-from-world.ts';
import type { PlanSnapshot } from './plan-state-machine.ts';
import { STATE_NAMES } from './plan-states.ts';
import { readJsonObject } from './request-body.ts';
import { ACCEPTED, isoTime, optionalGuid, planOf, type RequestContext, type Route } from './route.ts';
import { badRequest, json } from './vro-errors.ts';

/** Every world plan fails over VM replicas: VRO's replica plan. */
const PLAN_TYPE = 'Replica';
/** The simulator's one user administers the Orchestrator. */
const ROLES = ['Orchestrator Administrator'];

export function v3Plan(plan: OrchestratorPlan, snapshot: PlanSnapshot): Record<string, unknown> {
  return {
    id: plan.id,
    planType: PLAN_TYPE,
    recoveryLocationId: plan.recoveryLocationId,
    siteScopeId: plan.siteScopeId,
    siteScopeName: plan.siteScopeName,
    name: plan.name,
    state: snapshot.state,
    stateName: STATE_NAMES[snapshot.state],
    resultName: snapshot.result,
    lastStableState: snapshot.lastStableState,
    lastStableStateName: STATE_NAMES[snapshot.lastStableState],
    previousExecutionState: snapshot.previousExecutionState ?? null,
    description: plan.description,
    enabled: snapshot.enabled,
    vmCount: plan.vms.length,
  };
}

export function v3RuntimeDetails(plan: OrchestratorPlan, snapshot: PlanSnapshot): Record<string, unknown> {
  const run = snapshot.run;
  const executing = run !== undefined && run.endMs === undefined;
  return {
    state: snapshot.state,
    stateName: STATE_NAMES[snapshot.state],
    resultName: snapshot.result,
    isEditingByCurrentUser: false,
    currentEditingUser: '',
    lastStableState: snapshot.lastStableState,
    lastStableStateName: STATE_NAMES[snapshot.lastStableState],
    totalProgress: run?.totalProgress ?? 0,
    // True once the last run finished without an error; false before any run and while one executes.
    currentRunResult: !executing && (snapshot.result === 'Success' || snapshot.result === 'Warning'),
    currentTestResult: false,
    currentCheckResult: snapshot.lastStableState === 'NotVerified' && !run ? 'None' : 'Success',
    planType: PLAN_TYPE,
    recoveryLocationId: plan.recoveryLocationId,
    siteScopeId: plan.siteScopeId,
    siteScopeName: plan.siteScopeName,
    recoveryToNewLocation: false,
    roles: ROLES,
    startTime: isoTime(run?.startMs),
    endTime: isoTime(run?.endMs),
    vms: (
      run?.vms ?? plan.vms.map((vm) => ({ vm, state: 'NotStarted', progress: 0, result: 'None', steps: [] }))
    ).map((vm) => ({
      vmId: vm.vm.id,
      vmName: vm.vm.name,
      state: vm.state,
      progress: vm.progress,
      resultName: vm.result,
      steps: vm.steps.map((step) => ({
        stepId: step.id,
        stepName: step.name,
        state: step.state,
        progress: step.progress,
        resultName: step.result,
        startTime: isoTime(step.startMs),
        endTime: isoTime(step.endMs),
        message: step.message ?? null,
      })),
    })),
  };
}

/** `?onlyEnabled=true|false`, name and value case-insensitive as ASP.NET binds them. */
function onlyEnabled(url: URL): boolean {
  const entry = [...url.searchParams].find(([key]) => key.toLowerCase() === 'onlyenabled');
  if (entry === undefined) return false;
  const value = entry[1].toLowerCase();
  if (value !== 'true' && value !== 'false')
    throw badRequest(`onlyEnabled must be true or false, got "${entry[1]}".`);
  return value === 'true';
}

const PLANS = '/api/v3/Plans';

function action(
  template: string,
  act: (ctx: RequestContext, plan: OrchestratorPlan) => Promise<void> | void,
): Route {
  return {
    method: 'POST',
    template: `${PLANS}/{id}/${template}`,
    async handle(ctx, id) {
      await act(ctx, planOf(ctx, id));
      return ACCEPTED;
    },
  };
}

export const v3Routes: readonly Route[] = [
  {
    method: 'GET',
    template: PLANS,
    handle(ctx) {
      const enabledOnly = onlyEnabled(ctx.url);
      const listed = ctx.catalog.plans.flatMap((plan) => {
        const snapshot = ctx.machine.snapshot(plan);
        return enabledOnly && !snapshot.enabled ? [] : [v3Plan(plan, snapshot)];
      });
      return json(200, listed);
    },
  },
  {
    method: 'GET',
    template: `${PLANS}/{id}`,
    handle(ctx, id) {
      const plan = planOf(ctx, id);
      return json(200, v3Plan(plan, ctx.machine.snapshot(plan)));
    },
  },
  // Body {executeChainedPlans, restorePointDate (null = newest), protectStorageVolumes}; all have
  // defaults, so a bare POST is accepted. The date picks each VM's newest point created before it;
  // the world has no chained plans or storage volumes, so the other two are checked for type only.
  action('Failover', async (ctx, plan) => {
    const body = await readJsonObject(ctx.request, true);
    body.boolean('executeChainedPlans');
    const restorePointDateMs = body.date('restorePointDate');
    body.boolean('protectStorageVolumes');
    ctx.machine.start(plan, { operation: 'failover', restorePointDateMs });
  }),
  // Body {restoreLocationId, failbackRestoreVMTags}; a bare POST fails back to the original location.
  action('FailbackToProduction', async (ctx, plan) => {
    const body = await readJsonObject(ctx.request, true);
    optionalGuid(body.string('restoreLocationId'), 'restoreLocationId');
    body.boolean('failbackRestoreVMTags');
    ctx.machine.start(plan, { operation: 'failback' });
  }),
  action('CommitFailback', (ctx, plan) => ctx.machine.start(plan, { operation: 'commitFailback' })),
  action('Undo', (ctx, plan) => ctx.machine.undo(plan)),
  action('Enable', (ctx, plan) => ctx.machine.setEnabled(plan, true)),
  action('Disable', (ctx, plan) => ctx.machine.setEnabled(plan, false)),
  {
    method: 'GET',
    template: '/api/v3/RuntimeDetails/Plans/{id}',
    handle(ctx, id) {
      const plan = planOf(ctx, id);
      return json(200, v3RuntimeDetails(plan, ctx.machine.snapshot(plan)));
    },
  },
];
