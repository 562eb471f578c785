// The state of a VM's replica (Enterprise Manager's CloudVmReplicaPoint State) at any moment, from
// the plan's seeded sessions and then its runs in the run log. Nothing is stored per VM or point:
// the state is worked out when asked, from the latest session or run that had started by then.

import { runEndMs, type PlanRun, type PlanRuns } from './plan-runs.ts';
import type { RestorePoints } from './restore-points.ts';
import { taskSnapshot } from './session-lifecycle.ts';
import type { FailoverPlan, FailoverSession, Vm } from './types.ts';

/** The documented values but Unknown, which nothing in the world produces. */
export type ReplicaState = 'Ready' | 'Failover' | 'Failback' | 'PermanentFailover';

/** What each operation makes of a VM: while it runs, and once it succeeded for that VM. */
const TRANSITIONS: Readonly<
  Record<Exclude<PlanRun['operation'], 'test'>, readonly [during: ReplicaState, after: ReplicaState]>
> = {
  failover: ['Failover', 'Failover'],
  permanentFailover: ['Failover', 'PermanentFailover'],
  failback: ['Failback', 'Failback'],
  commitFailback: ['Failback', 'Ready'],
  undoFailover: ['Failover', 'Ready'],
  undoFailback: ['Failback', 'Failover'],
};

export interface ReplicaStateInputs {
  readonly plans: readonly FailoverPlan[];
  readonly vms: readonly Vm[];
  readonly points: RestorePoints;
  /** The seeded history only: runs come from `runs`. */
  readonly seededSessions: readonly FailoverSession[];
  readonly runs: PlanRuns;
}

export function createReplicaStates(
  inputs: ReplicaStateInputs,
): (vmIndex: number, atMs: number) => ReplicaState {
  const { plans, vms, points, runs } = inputs;
  // A VM is in at most one plan; -1: in none. A typed array keeps this small at 100,000 VMs.
  const planOfVm = new Int32Array(vms.length).fill(-1);
  for (const plan of plans) for (const planVm of plan.vms) planOfVm[planVm.vm] = plan.index;
  const seededByPlan = new Map<number, FailoverSession[]>();
  for (const session of inputs.seededSessions) {
    const list = seededByPlan.get(session.plan) ?? [];
    list.push(session);
    seededByPlan.set(session.plan, list);
  }

  /** The seeded history's answer: Failover while a failover of the VM stands (started, not undone). */
  const seededState = (plan: FailoverPlan, position: number, atMs: number): ReplicaState => {
    const latest = (seededByPlan.get(plan.index) ?? []).filter((session) => session.createdMs <= atMs).at(-1);
    if (!latest) return 'Ready';
    const task = taskSnapshot(latest, plan, position, vms, points, atMs);
    const done = task.state === 'Stopped';
    const succeeded = done && task.result !== 'Failed';
    if (latest.kind === 'failover') return done && !succeeded ? 'Ready' : 'Failover';
    return succeeded ? 'Ready' : 'Failover';
  };

  /** The state after the plan's first `count` runs (all started by `atMs`), at `atMs`. */
  const stateAt = (
    plan: FailoverPlan,
    position: number,
    planRuns: readonly PlanRun[],
    count: number,
    atMs: number,
  ): ReplicaState => {
    const run = planRuns[count - 1];
    if (!run) return seededState(plan, position, atMs);
    const before = (): ReplicaState => stateAt(plan, position, planRuns, count - 1, run.startMs);
    // A test fails replicas over in isolation and changes nothing.
    if (run.operation === 'test') return before();
    const [during, after] = TRANSITIONS[run.operation];
    if (run.session) {
      const task = taskSnapshot(run.session, plan, position, vms, points, atMs);
      if (task.state !== 'Stopped') return during;
      return task.result === 'Failed' ? before() : after;
    }
    // Without a session there are no per-VM tasks: the whole run moves at once; a halted one stays midway.
    if (atMs < runEndMs(run) || run.haltedAtMs !== undefined) return during;
    return run.taskResults[position] === 'Failed' ? before() : after;
  };

  return (vmIndex, atMs) => {
    const plan = plans[planOfVm[vmIndex] ?? -1];
    if (!plan) return 'Ready';
    const position = plan.vms.findIndex((planVm) => planVm.vm === vmIndex);
    const planRuns = runs.ofPlan(plan.index);
    let count = planRuns.length;
    while (count > 0 && (planRuns[count - 1] as PlanRun).startMs > atMs) count--;
    return stateAt(plan, position, planRuns, count, atMs);
  };
}
