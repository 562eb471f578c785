// The world's run log: every run of a failover plan since the world started, whoever started it
// (Enterprise Manager's plan actions or the Orchestrator). It is the only mutable part of the world
// besides the clock; everything else that a run changes is derived from it on demand: the cloud
// failover session Enterprise Manager shows (created here, progressing on the clock), the replicas'
// states (replica-state.ts) and the Orchestrator's plan state. A run is a few numbers and at most
// one session of up to a plan's VM count tasks, so the log stays small at any scale.

import { sessionOutcome } from './generate-sessions.ts';
import { guidFromWords } from './guid.ts';
import { hash32, hashUnit } from './prng.ts';
import type { RestorePoints } from './restore-points.ts';
import { HALTING_MS, haltedSession, pointUsed } from './session-lifecycle.ts';
import type { SessionStore } from './session-store.ts';
import type { FailoverPlan, FailoverSession, FinalResult, Vm } from './types.ts';

/** The Orchestrator's operations, plus Enterprise Manager's test of a plan. */
export type RunOperation =
  'failover' | 'permanentFailover' | 'failback' | 'commitFailback' | 'undoFailover' | 'undoFailback' | 'test';

export type RunOrigin = 'EnterpriseManager' | 'Orchestrator';

export interface RunRequest {
  readonly plan: number;
  readonly operation: RunOperation;
  readonly origin: RunOrigin;
  /** Fail over to each VM's newest point created before this time; absent: the newest point. */
  readonly restorePointDateMs?: number;
  /**
   * How long the run takes (the Orchestrator passes its own timeline's length); absent: as long
   * as the backup server takes on its own, which is how Enterprise Manager's runs go.
   */
  readonly durationMs?: number;
  /** How the plan's last VM ends, where the Orchestrator's timeline puts a warning or an error; absent: success. */
  readonly lastVm?: { readonly result: FinalResult; readonly message: string | undefined };
}

export interface PlanRun {
  /** Position in the log. */
  readonly index: number;
  readonly plan: number;
  readonly operation: RunOperation;
  readonly origin: RunOrigin;
  readonly startMs: number;
  readonly durationMs: number;
  readonly restorePointDateMs: number | undefined;
  /** The run's result once it ends: the worst of its VMs'. */
  readonly result: FinalResult;
  /** Each VM's result, by position in the plan. */
  readonly taskResults: readonly FinalResult[];
  /** The cloud failover session Enterprise Manager shows for it, for the operations that have one. */
  readonly session: FailoverSession | undefined;
  readonly haltedAtMs: number | undefined;
}

export interface PlanRuns {
  /** Oldest first. */
  readonly all: readonly PlanRun[];
  /** One plan's runs, oldest first. */
  ofPlan(plan: number): readonly PlanRun[];
  /** Records a run starting now. The caller has checked that its API allows it. */
  start(request: RunRequest): PlanRun;
  /** Halts a run that is under way (the Orchestrator's Halt); returns the halted run. */
  halt(run: PlanRun): PlanRun;
}

export interface PlanRunsContext {
  readonly seed: number;
  readonly plans: readonly FailoverPlan[];
  readonly vms: readonly Vm[];
  readonly points: RestorePoints;
  readonly sessions: SessionStore;
  now(): number;
}

/**
 * Operations Enterprise Manager lists as cloud failover sessions: those that fail the plan over or
 * undo that (as the seeded history does). Failback and its commit and undo are per-replica
 * operations in Veeam Backup & Replication, not runs of the cloud failover plan.
 */
const WITH_SESSION: ReadonlySet<RunOperation> = new Set([
  'failover',
  'permanentFailover',
  'undoFailover',
  'test',
]);
/** Operations that start replicas from a restore point: a VM without one fails. */
const USES_RESTORE_POINTS: ReadonlySet<RunOperation> = new Set(['failover', 'permanentFailover', 'test']);
const SESSION_SALT = 0x52554e;

/** When the run ends: its planned end, or HALTING_MS after a halt. */
export function runEndMs(run: PlanRun): number {
  return run.haltedAtMs === undefined ? run.startMs + run.durationMs : run.haltedAtMs + HALTING_MS;
}

export function createPlanRuns(ctx: PlanRunsContext): PlanRuns {
  const all: PlanRun[] = [];
  const byPlan = new Map<number, PlanRun[]>();

  return {
    all,
    ofPlan: (plan) => byPlan.get(plan) ?? [],
    start(request) {
      const plan = ctx.plans[request.plan];
      if (!plan) throw new RangeError(`the world has no plan ${request.plan}`);
      const index = all.length;
      const startMs = ctx.now();
      const durationMs =
        request.durationMs ?? backupServerDurationMs(ctx.seed, plan, request.operation, index);
      const outcome = vmOutcomes(ctx, plan, request, startMs);
      const session = WITH_SESSION.has(request.operation)
        ? ctx.sessions.add({
            uid: sessionUid(ctx.seed, index),
            plan: plan.index,
            kind: request.operation === 'undoFailover' ? 'undo' : 'failover',
            createdMs: startMs,
            ...sessionPhases(durationMs),
            ...outcome,
            restorePointDateMs: request.restorePointDateMs,
          })
        : undefined;
      const run: PlanRun = {
        index,
        plan: plan.index,
        operation: request.operation,
        origin: request.origin,
        startMs,
        durationMs,
        restorePointDateMs: request.restorePointDateMs,
        result: outcome.result,
        taskResults: outcome.taskResults,
        session,
        haltedAtMs: undefined,
      };
      all.push(run);
      byPlan.set(plan.index, [...(byPlan.get(plan.index) ?? []), run]);
      return run;
    },
    halt(run) {
      const haltedAtMs = ctx.now();
      const plan = ctx.plans[run.plan] as FailoverPlan;
      const session = run.session && haltedSession(run.session, plan, ctx.vms, haltedAtMs);
      if (session) ctx.sessions.replace(session);
      const halted: PlanRun = {
        ...run,
        haltedAtMs,
        session,
        result: session?.result ?? 'Failed',
        taskResults: session?.taskResults ?? run.taskResults,
      };
      all[run.index] = halted;
      byPlan.set(
        run.plan,
        (byPlan.get(run.plan) ?? []).map((candidate) => (candidate.index === run.index ? halted : candidate)),
      );
      return halted;
    },
  };
}

/** Each VM's result: a VM without a usable restore point fails; the last VM ends as requested. */
function vmOutcomes(ctx: PlanRunsContext, plan: FailoverPlan, request: RunRequest, startMs: number) {
  const dateMs = request.restorePointDateMs;
  const results: FinalResult[] = plan.vms.map(() => 'Success');
  const messages: (string | undefined)[] = plan.vms.map(() => undefined);
  if (USES_RESTORE_POINTS.has(request.operation)) {
    plan.vms.forEach((planVm, position) => {
      if (pointUsed({ createdMs: startMs, restorePointDateMs: dateMs }, planVm.vm, ctx.points)) return;
      results[position] = 'Failed';
      messages[position] =
        dateMs === undefined
          ? 'No restore points available for this VM'
          : `No restore point created before ${new Date(dateMs).toISOString()}`;
    });
  }
  const last = plan.vms.length - 1;
  if (request.lastVm && results[last] === 'Success') {
    results[last] = request.lastVm.result;
    messages[last] = request.lastVm.message;
  }
  return sessionOutcome(plan, results, messages, ctx.vms);
}

/** A run's session starts and stops in a few seconds and works the rest of the run. */
function sessionPhases(durationMs: number) {
  const edgeMs = Math.round(Math.min(15_000, durationMs * 0.1));
  return { startingMs: edgeMs, workingMs: durationMs - 2 * edgeMs, stoppingMs: edgeMs };
}

/** A run started at the backup server: half a minute to start and stop, then 1-3 minutes per VM (undo: 20-60 s). */
function backupServerDurationMs(
  seed: number,
  plan: FailoverPlan,
  operation: RunOperation,
  index: number,
): number {
  const [min, max] = operation === 'undoFailover' ? [20, 60] : [60, 180];
  const perVmSeconds = min + hashUnit(seed, plan.index, index) * (max - min);
  return Math.round((30 + plan.vms.length * perVmSeconds) * 1000);
}

/** Derived from the seed and the run's place in the log, so a replayed world shows the same GUIDs. */
function sessionUid(seed: number, index: number): string {
  return guidFromWords([
    hash32(seed, SESSION_SALT, index, 0),
    hash32(seed, SESSION_SALT, index, 1),
    hash32(seed, SESSION_SALT, index, 2),
    hash32(seed, SESSION_SALT, index, 3),
  ]);
}
