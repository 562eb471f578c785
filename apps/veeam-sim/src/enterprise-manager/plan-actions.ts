// Enterprise Manager's cloud failover plan actions, POST /api/cloud/cloudFailoverPlans/{id}?action=
// start | undo | test: checked against what the world says of the plan (a session under way, its
// replicas' states), recorded in the world's run log, and answered with a Task.
// Refusals answer 400 with an Error body. Veeam documents no status for an action the plan's state
// forbids; its list of Enterprise Manager codes has no 409, and 400 is the one it gives for a
// request that cannot be carried out as sent (the simulated Orchestrator reasons the same way).

import type { IncomingMessage } from 'node:http';
import type { RunOperation } from '../world/plan-runs.ts';
import type { FailoverPlan, FailoverSession, Vm } from '../world/types.ts';
import type { World } from '../world/world.ts';
import { EmError } from './em-errors.ts';
import { readManagementSpec } from './plan-management-spec.ts';
import type { TaskOperation } from './tasks.ts';

export type PlanAction = 'start' | 'undo' | 'test';

interface ActionSpec {
  readonly operation: RunOperation;
  /**
   * What the task reports. Veeam's test example also says StartCloudFailoverPlan; its undo example
   * shows no Related link, so an undo's session (which the world still records) is not linked.
   */
  readonly taskOperation: TaskOperation;
  readonly linksSession: boolean;
  /** Every replica must be Ready (start, test), or some must be failed over (undo). */
  readonly needs: 'ready' | 'failedOver';
}

const ACTIONS: Readonly<Record<PlanAction, ActionSpec>> = {
  start: {
    operation: 'failover',
    taskOperation: 'StartCloudFailoverPlan',
    linksSession: true,
    needs: 'ready',
  },
  test: { operation: 'test', taskOperation: 'StartCloudFailoverPlan', linksSession: true, needs: 'ready' },
  undo: {
    operation: 'undoFailover',
    taskOperation: 'UndoCloudFailoverPlan',
    linksSession: false,
    needs: 'failedOver',
  },
};

export function planAction(name: string | undefined): PlanAction {
  const action = name?.toLowerCase();
  if (action === 'start' || action === 'undo' || action === 'test') return action;
  throw new EmError(400, `Unknown action "${name ?? ''}" on a cloud failover plan: use start, undo or test.`);
}

/** Runs the action on the plan; returns what its task reports and links. */
export async function runPlanAction(
  world: World,
  plan: FailoverPlan,
  action: PlanAction,
  request: IncomingMessage,
): Promise<{ operation: TaskOperation; startedMs: number; session: FailoverSession | undefined }> {
  const spec = ACTIONS[action];
  // Only start takes a body; undo and test are documented without one.
  const { restorePointDateMs } =
    action === 'start' ? await readManagementSpec(request) : { restorePointDateMs: undefined };
  const now = world.clock.now();
  if (world.planBusy(plan.index, now))
    throw new EmError(400, `Cloud failover plan "${plan.name}" is running: wait for its session to stop.`);
  const states = plan.vms.map((planVm) => ({
    vm: world.vms[planVm.vm] as Vm,
    state: world.replicaState(planVm.vm, now),
  }));
  if (spec.needs === 'ready') {
    const busy = states.find(({ state }) => state !== 'Ready');
    if (busy)
      throw new EmError(
        400,
        `Cannot ${action} cloud failover plan "${plan.name}": the replica of ${busy.vm.name} is in state ${busy.state}, not Ready.`,
      );
  } else if (!states.some(({ state }) => state === 'Failover')) {
    throw new EmError(400, `Cannot undo cloud failover plan "${plan.name}": it is not failed over.`);
  }
  const run = world.runs.start({
    plan: plan.index,
    operation: spec.operation,
    origin: 'EnterpriseManager',
    restorePointDateMs,
  });
  return {
    operation: spec.taskOperation,
    startedMs: run.startMs,
    session: spec.linksSession ? run.session : undefined,
  };
}
