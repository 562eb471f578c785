// What a cloud failover session looks like at a given moment: Starting, then Working, then
// Stopping, then Stopped with its result. Per-VM tasks follow the same course inside the session's
// working phase. Derived from the session's timings and the clock, so sessions progress on their own.

import { hash32, hashUnit } from './prng.ts';
import type { RestorePoints } from './restore-points.ts';
import type { FailoverPlan, FailoverSession, SessionResult, SessionState, Vm } from './types.ts';

export interface TaskSnapshot {
  readonly vm: Vm;
  /** The restore point a failover task uses (undo tasks use none). */
  readonly point: { uid: string; creationMs: number } | undefined;
  readonly createdMs: number;
  readonly endMs: number | undefined;
  readonly state: SessionState;
  readonly result: SessionResult;
  readonly progress: number;
  readonly failureMessage: string | undefined;
}

export interface SessionSnapshot {
  readonly state: SessionState;
  readonly result: SessionResult;
  readonly progress: number;
  readonly endMs: number | undefined;
  readonly failureMessage: string | undefined;
  readonly tasks: readonly TaskSnapshot[];
}

interface Phases {
  readonly createdMs: number;
  readonly startingMs: number;
  readonly workingMs: number;
  readonly stoppingMs: number;
}

function phaseAt(phases: Phases, atMs: number): { state: SessionState; progress: number; endMs?: number } {
  const elapsed = atMs - phases.createdMs;
  const total = phases.startingMs + phases.workingMs + phases.stoppingMs;
  if (elapsed >= total) return { state: 'Stopped', progress: 100, endMs: phases.createdMs + total };
  const progress = Math.min(99, Math.max(0, Math.floor((elapsed / total) * 100)));
  if (elapsed < phases.startingMs) return { state: 'Starting', progress };
  if (elapsed < phases.startingMs + phases.workingMs) return { state: 'Working', progress };
  return { state: 'Stopping', progress };
}

/** A task's own phases: created a few seconds into the session, done before the session stops. */
function taskPhases(session: FailoverSession, position: number): Phases {
  const createdMs =
    session.createdMs +
    Math.min(session.startingMs, 5_000) +
    position * 10 +
    (hash32(session.index, position) % 10);
  const sessionWorkEnd = session.createdMs + session.startingMs + session.workingMs;
  const span = Math.max(
    1_000,
    (sessionWorkEnd - createdMs) * (0.6 + 0.4 * hashUnit(session.index, position, 1)),
  );
  const startingMs = Math.min(30_000, span * 0.1);
  return { createdMs, startingMs, workingMs: span - startingMs, stoppingMs: 0 };
}

export function taskSnapshot(
  session: FailoverSession,
  plan: FailoverPlan,
  position: number,
  vms: readonly Vm[],
  points: RestorePoints,
  atMs: number,
): TaskSnapshot {
  const planVm = plan.vms[position];
  if (!planVm) throw new RangeError(`plan ${plan.name} has no VM at position ${position}`);
  const phases = taskPhases(session, position);
  const phase = phaseAt(phases, atMs);
  const stopped = phase.state === 'Stopped';
  return {
    vm: vms[planVm.vm] as Vm,
    point: session.kind === 'failover' ? points.newestAt(planVm.vm, session.createdMs) : undefined,
    createdMs: phases.createdMs,
    endMs: phase.endMs,
    state: phase.state,
    result: stopped ? (session.taskResults[position] ?? 'Success') : 'None',
    progress: phase.progress,
    failureMessage: stopped ? session.taskFailureMessages[position] : undefined,
  };
}

export function sessionSnapshot(
  session: FailoverSession,
  plan: FailoverPlan,
  vms: readonly Vm[],
  points: RestorePoints,
  atMs: number,
): SessionSnapshot {
  const phase = phaseAt(session, atMs);
  const stopped = phase.state === 'Stopped';
  return {
    state: phase.state,
    result: stopped ? session.result : 'None',
    progress: phase.progress,
    endMs: phase.endMs,
    failureMessage: stopped ? session.failureMessage : undefined,
    tasks: plan.vms.map((_, position) => taskSnapshot(session, plan, position, vms, points, atMs)),
  };
}
