// What a cloud failover session looks like at a given moment: Starting, then Working, then
// Stopping, then Stopped with its result. Per-VM tasks follow the same course inside the session's
// working phase. Derived from the session's timings and the clock, so sessions progress on their own.
// A halted session (the Orchestrator halted its run) stops early: Stopping from the halt, Stopped
// HALTING_MS later, with the tasks that had not finished failed.

import { sessionOutcome } from './generate-sessions.ts';
import { hash32, hashUnit } from './prng.ts';
import type { RestorePoints } from './restore-points.ts';
import type { FailoverPlan, FailoverSession, FinalResult, SessionResult, SessionState, Vm } from './types.ts';

/** How long a halted run takes to stop (world time): the Orchestrator's HALTING, Enterprise Manager's Stopping. */
export const HALTING_MS = 10_000;
const HALTED_TASK_MESSAGE = 'Stopped before completion: the plan was halted';

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
  readonly haltedAtMs?: number;
}

type Phase = { state: SessionState; progress: number; endMs?: number };

function phaseAt(phases: Phases, atMs: number): Phase {
  const halted = phases.haltedAtMs;
  if (halted === undefined || atMs < halted) return plannedPhaseAt(phases, atMs);
  const atHalt = plannedPhaseAt(phases, halted);
  if (atHalt.state === 'Stopped') return atHalt;
  if (atMs >= halted + HALTING_MS) return { state: 'Stopped', progress: 100, endMs: halted + HALTING_MS };
  return { state: 'Stopping', progress: atHalt.progress };
}

/** The phase as the session was planned, without a halt. */
function plannedPhaseAt(phases: Phases, atMs: number): Phase {
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
  return {
    createdMs,
    startingMs,
    workingMs: span - startingMs,
    stoppingMs: 0,
    haltedAtMs: session.haltedAtMs,
  };
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
    point: session.kind === 'failover' ? pointUsed(session, planVm.vm, points) : undefined,
    createdMs: phases.createdMs,
    endMs: phase.endMs,
    state: phase.state,
    result: stopped ? (session.taskResults[position] ?? 'Success') : 'None',
    progress: phase.progress,
    failureMessage: stopped ? session.taskFailureMessages[position] : undefined,
  };
}

/** The restore point a failover session fails a VM over to (undefined: the VM had none). */
export function pointUsed(
  session: Pick<FailoverSession, 'createdMs' | 'restorePointDateMs'>,
  vmIndex: number,
  points: RestorePoints,
): { uid: string; creationMs: number } | undefined {
  return session.restorePointDateMs === undefined
    ? points.newestAt(vmIndex, session.createdMs)
    : points.newestBefore(vmIndex, session.restorePointDateMs, session.createdMs);
}

/** The session as it ends when halted at `haltedAtMs`: the tasks still under way then fail. */
export function haltedSession(
  session: FailoverSession,
  plan: FailoverPlan,
  vms: readonly Vm[],
  haltedAtMs: number,
): FailoverSession {
  const results: FinalResult[] = [...session.taskResults];
  const messages = [...session.taskFailureMessages];
  plan.vms.forEach((_, position) => {
    if (phaseAt(taskPhases(session, position), haltedAtMs).state === 'Stopped') return;
    results[position] = 'Failed';
    messages[position] = HALTED_TASK_MESSAGE;
  });
  return { ...session, haltedAtMs, ...sessionOutcome(plan, results, messages, vms) };
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
