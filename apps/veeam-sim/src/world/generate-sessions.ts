// Cloud failover session history for each plan: one to three failover + undo pairs over the last
// two months (so some are older than the 30 days Enterprise Manager lists), then the plan's ending
// at the world's start: a failover still Starting, Working or Stopping, one that completed (the plan
// is failed over now), or nothing (idle). A failover task of a VM that had no restore point fails.

import type { PlanEnding } from './generate-plans.ts';
import type { Rng } from './prng.ts';
import type { RestorePoints } from './restore-points.ts';
import type { FailoverPlan, FailoverSession, FinalResult, SessionKind, Vm } from './types.ts';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const FAILOVER_FAILURES = [
  'Not enough memory on the target host to power on the replica',
  'Failed to connect the replica to network "Production": network not found',
  'Timed out waiting for the replica to report its IP address',
  'Replica VM is locked by another task',
] as const;
const UNDO_FAILURES = [
  'Failed to revert the replica to its original state: snapshot is missing',
  'Replica VM is locked by another task',
] as const;
const FAILOVER_RESULTS: Readonly<Record<FinalResult, number>> = { Success: 65, Warning: 20, Failed: 15 };
const UNDO_RESULTS: Readonly<Record<FinalResult, number>> = { Success: 80, Warning: 10, Failed: 10 };
/** The first failover of the first plans, so every world shows each result in its history. */
const FIXED_FIRST_RESULTS: readonly FinalResult[] = ['Failed', 'Warning', 'Success'];

interface Timing {
  readonly createdMs: number;
  readonly startingMs: number;
  readonly workingMs: number;
  readonly stoppingMs: number;
}

/** The last session of a plan that did not end idle: timed so it is in that state at the start S. */
const ENDING_TIMINGS: Readonly<Record<Exclude<PlanEnding, 'idle'>, (startMs: number) => Timing>> = {
  starting: (s) => ({
    createdMs: s - 30 * SECOND,
    startingMs: 10 * MINUTE,
    workingMs: 40 * MINUTE,
    stoppingMs: MINUTE,
  }),
  working: (s) => ({
    createdMs: s - 12 * MINUTE,
    startingMs: 30 * SECOND,
    workingMs: 2 * HOUR,
    stoppingMs: MINUTE,
  }),
  stopping: (s) => ({
    createdMs: s - 40 * MINUTE,
    startingMs: 20 * SECOND,
    workingMs: 38 * MINUTE - 20 * SECOND,
    stoppingMs: 15 * MINUTE,
  }),
  'failed-over': (s) => ({
    createdMs: s - 3 * HOUR,
    startingMs: 15 * SECOND,
    workingMs: 12 * MINUTE,
    stoppingMs: 15 * SECOND,
  }),
};

export interface SessionInputs {
  readonly plans: readonly FailoverPlan[];
  readonly endings: readonly PlanEnding[];
  readonly vms: readonly Vm[];
  readonly points: RestorePoints;
  readonly startMs: number;
}

type SessionDraft = Omit<FailoverSession, 'index'>;

export function generateSessions(rng: Rng, guid: () => string, inputs: SessionInputs): FailoverSession[] {
  const drafts: SessionDraft[] = [];
  for (const plan of inputs.plans) {
    const make = (kind: SessionKind, timing: Timing, wanted: FinalResult): SessionDraft =>
      kind === 'failover'
        ? failoverSession(rng, guid(), plan, timing, wanted, inputs)
        : undoSession(rng, guid(), plan, timing, wanted, inputs.vms);
    for (const [nth, createdMs] of historyTimes(rng, inputs.startMs).entries()) {
      const wanted =
        (nth === 0 ? FIXED_FIRST_RESULTS[plan.index] : undefined) ?? rng.weighted(FAILOVER_RESULTS);
      const failover = make('failover', historyTiming(rng, createdMs, plan), wanted);
      drafts.push(failover);
      if (failover.result === 'Failed') continue;
      const undoAt = createdMs + rng.int(30, 180) * MINUTE;
      drafts.push(make('undo', historyTiming(rng, undoAt, plan), rng.weighted(UNDO_RESULTS)));
    }
    const ending = inputs.endings[plan.index] ?? 'idle';
    if (ending !== 'idle') {
      drafts.push(
        make(
          'failover',
          ENDING_TIMINGS[ending](inputs.startMs),
          ending === 'starting' ? 'Warning' : 'Success',
        ),
      );
    }
  }
  return drafts
    .sort((a, b) => a.createdMs - b.createdMs)
    .map((draft, index): FailoverSession => ({ ...draft, index }));
}

/** Start times of the history's failovers: one 31-59 days ago, the rest on distinct recent days. */
function historyTimes(rng: Rng, startMs: number): number[] {
  const withinDay = (): number => rng.int(0, 20 * 3600) * SECOND + rng.int(0, 999);
  const old = startMs - rng.int(31, 59) * DAY + withinDay();
  const recentDays = rng.shuffle(Array.from({ length: 28 }, (_, i) => i + 2)).slice(0, rng.int(0, 2));
  return [old, ...recentDays.sort((a, b) => b - a).map((days) => startMs - days * DAY + withinDay())];
}

function historyTiming(rng: Rng, createdMs: number, plan: FailoverPlan): Timing {
  return {
    createdMs,
    startingMs: rng.int(5, 20) * SECOND,
    workingMs: plan.vms.length * rng.int(60, 240) * SECOND,
    stoppingMs: rng.int(5, 20) * SECOND,
  };
}

function failoverSession(
  rng: Rng,
  uid: string,
  plan: FailoverPlan,
  timing: Timing,
  wanted: FinalResult,
  inputs: SessionInputs,
): SessionDraft {
  const taskResults: FinalResult[] = plan.vms.map(() => 'Success');
  const messages: (string | undefined)[] = plan.vms.map(() => undefined);
  plan.vms.forEach((planVm, position) => {
    if (inputs.points.newestAt(planVm.vm, timing.createdMs)) return;
    taskResults[position] = 'Failed';
    messages[position] = 'No restore points available for this VM';
  });
  const unlucky = rng.int(0, Math.max(0, plan.vms.length - 1));
  if (wanted === 'Warning' && taskResults[unlucky] === 'Success') taskResults[unlucky] = 'Warning';
  if (wanted === 'Failed' && taskResults[unlucky] === 'Success') {
    taskResults[unlucky] = 'Failed';
    messages[unlucky] = rng.pick(FAILOVER_FAILURES);
  }
  return {
    uid,
    plan: plan.index,
    kind: 'failover',
    ...timing,
    ...sessionOutcome(plan, taskResults, messages, inputs.vms),
  };
}

function undoSession(
  rng: Rng,
  uid: string,
  plan: FailoverPlan,
  timing: Timing,
  wanted: FinalResult,
  vms: readonly Vm[],
): SessionDraft {
  const taskResults: FinalResult[] = plan.vms.map(() => 'Success');
  const messages: (string | undefined)[] = plan.vms.map(() => undefined);
  const unlucky = rng.int(0, Math.max(0, plan.vms.length - 1));
  if (plan.vms.length > 0 && wanted !== 'Success') {
    taskResults[unlucky] = wanted;
    if (wanted === 'Failed') messages[unlucky] = rng.pick(UNDO_FAILURES);
  }
  return {
    uid,
    plan: plan.index,
    kind: 'undo',
    ...timing,
    ...sessionOutcome(plan, taskResults, messages, vms),
  };
}

/** The session's result follows from its tasks: any failed VM fails it, any warning warns. */
export function sessionOutcome(
  plan: FailoverPlan,
  taskResults: FinalResult[],
  taskFailureMessages: (string | undefined)[],
  vms: readonly Vm[],
): Pick<FailoverSession, 'result' | 'failureMessage' | 'taskResults' | 'taskFailureMessages'> {
  const failed = taskResults.flatMap((result, position) => (result === 'Failed' ? [position] : []));
  const result: FinalResult =
    failed.length > 0 ? 'Failed' : taskResults.includes('Warning') ? 'Warning' : 'Success';
  const first = failed[0];
  const failureMessage =
    first === undefined
      ? undefined
      : `${failed.length} of ${taskResults.length} VMs failed. ${vmName(vms, plan.vms[first]?.vm ?? -1)}: ${taskFailureMessages[first] ?? 'Error'}`;
  return { result, failureMessage, taskResults, taskFailureMessages };
}

function vmName(vms: readonly Vm[], index: number): string {
  return vms[index]?.name ?? 'unknown VM';
}
