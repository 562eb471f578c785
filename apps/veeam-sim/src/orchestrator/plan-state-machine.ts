// Each plan's state over time, read from the world's run log: a plan starts in its initial state and
// each run recorded for it, whether the Orchestrator or Enterprise Manager started it, plays out on
// the world clock (run-timeline.ts) and lands the plan in the operation's target state with the
// run's result. So a failover started in Enterprise Manager shows here as FAILOVER, and one started
// here shows there as a new session. Nothing is scheduled: every read folds the runs that have
// ended by the clock's now, so a faster world (or a test advancing the clock) finishes runs sooner.
// The seeded session history predates the log: the Orchestrator does not see it, and its plans start
// VERIFIED (or NOT VERIFIED when disabled). Enabled or not is the Orchestrator's own setting.
// It knows no HTTP: refusals are PlanStateErrors, which the API maps to a status.

import { runEndMs, type PlanRun } from '../world/plan-runs.ts';
import type { FinalResult } from '../world/types.ts';
import type { World } from '../world/world.ts';
import type { OrchestratorPlan } from './plans-from-world.ts';
import {
  initialState,
  isActive,
  OPERATIONS,
  STATE_NAMES,
  undoOperation,
  type Operation,
  type PlanState,
  type RunResult,
  type StableState,
} from './plan-states.ts';
import { progressAt, runTimeline, type RunProgress } from './run-timeline.ts';

/** An action the plan's state or mode does not allow (a second Run, Undo in VERIFIED, ...). */
export class PlanStateError extends Error {}

export interface PlanSnapshot {
  readonly enabled: boolean;
  readonly state: PlanState;
  /** The result of the stable state the plan is in; None while executing and before any run. */
  readonly result: RunResult;
  /** The current state when stable; the state the run started from while executing. */
  readonly lastStableState: StableState;
  /** The state the last finished execution started from; undefined before any. */
  readonly previousExecutionState: StableState | undefined;
  /** Executing, halting or halted (v2 planInUse). */
  readonly inUse: boolean;
  /** The current run, or the last one; undefined before any. */
  readonly run: RunProgress | undefined;
}

/** A run start: its operation and, for a failover, the restore point date (absent: the newest points). */
export interface StartRequest {
  readonly operation: Exclude<Operation, 'undoFailover' | 'undoFailback'>;
  readonly restorePointDateMs?: number;
}

export interface PlanStateMachine {
  snapshot(plan: OrchestratorPlan): PlanSnapshot;
  start(plan: OrchestratorPlan, request: StartRequest): void;
  undo(plan: OrchestratorPlan): void;
  halt(plan: OrchestratorPlan): void;
  setEnabled(plan: OrchestratorPlan, enabled: boolean): void;
}

/** A run the Orchestrator shows: any but Enterprise Manager's tests. */
type OrchestratorRun = PlanRun & { readonly operation: Operation };

const isOrchestratorRun = (run: PlanRun): run is OrchestratorRun => run.operation !== 'test';

/** A plan's state at a moment: its runs folded up to then. */
interface Folded {
  readonly stable: StableState;
  readonly result: RunResult;
  readonly previousExecution: StableState | undefined;
  /** The run still under way, if any (always the plan's last). */
  readonly executing: OrchestratorRun | undefined;
  /** The current run, or the last one. */
  readonly last: OrchestratorRun | undefined;
}

const RESULTS: Readonly<Record<FinalResult, Exclude<RunResult, 'None'>>> = {
  Success: 'Success',
  Warning: 'Warning',
  Failed: 'Error',
};
const WORLD_RESULTS: Readonly<Record<Exclude<RunResult, 'None'>, FinalResult>> = {
  Success: 'Success',
  Warning: 'Warning',
  Error: 'Failed',
};

export function createPlanStateMachine(world: World): PlanStateMachine {
  // The Orchestrator's own setting; a plan not in the map has its initial mode.
  const enabledByPlan = new Map<number, boolean>();
  const enabled = (plan: OrchestratorPlan): boolean => enabledByPlan.get(plan.index) ?? plan.enabledAtStart;

  const fold = (plan: OrchestratorPlan, at: number): Folded => {
    let stable = initialState(plan.enabledAtStart);
    let result: RunResult = 'None';
    let previousExecution: StableState | undefined;
    let last: OrchestratorRun | undefined;
    // A test in Enterprise Manager changes no replica, and the Orchestrator has no state for it.
    for (const run of world.runs.ofPlan(plan.index).filter(isOrchestratorRun)) {
      last = run;
      if (at < runEndMs(run)) return { stable, result, previousExecution, executing: run, last };
      previousExecution = stable;
      const halted = run.haltedAtMs !== undefined;
      stable = halted ? 'Halted' : OPERATIONS[run.operation].target;
      // A halted run did not finish, so it has no result.
      result = halted ? 'None' : RESULTS[run.result];
    }
    return { stable, result, previousExecution, executing: undefined, last };
  };

  const begin = (plan: OrchestratorPlan, operation: Operation, restorePointDateMs?: number): void => {
    const at = world.clock.now();
    const folded = fold(plan, at);
    const spec = OPERATIONS[operation];
    if (!enabled(plan))
      throw new PlanStateError(`Plan "${plan.name}" is DISABLED: enable it before running ${spec.label}.`);
    if (folded.executing)
      throw new PlanStateError(
        `Plan "${plan.name}" is in use (${describe(stateOf(folded))}): wait for it to finish or halt it.`,
      );
    if (world.runs.ofPlan(plan.index).some((run) => at < runEndMs(run)))
      throw new PlanStateError(
        `Plan "${plan.name}" is in use by a test started in Enterprise Manager: wait for it to finish.`,
      );
    if (!spec.from.includes(folded.stable)) {
      throw new PlanStateError(
        `Cannot run ${spec.label} for plan "${plan.name}" in state ${STATE_NAMES[folded.stable]}.`,
      );
    }
    const timeline = runTimeline(world.seed, plan, operation);
    world.runs.start({
      plan: plan.index,
      operation,
      origin: 'Orchestrator',
      restorePointDateMs,
      durationMs: timeline.totalMs,
      lastVm: {
        result: WORLD_RESULTS[timeline.result],
        message: timeline.vms.at(-1)?.steps.at(-1)?.message,
      },
    });
  };

  return {
    snapshot(plan) {
      const at = world.clock.now();
      const folded = fold(plan, at);
      const run = folded.last;
      const haltedAt = run?.haltedAtMs;
      const progress =
        run &&
        progressAt(
          runTimeline(world.seed, plan, run.operation, {
            totalMs: run.durationMs,
            result: RESULTS[run.result],
          }),
          run.startMs,
          (haltedAt ?? at) - run.startMs,
          haltedAt !== undefined,
        );
      return {
        enabled: enabled(plan),
        state: stateOf(folded),
        result: folded.executing ? 'None' : folded.result,
        lastStableState: folded.stable,
        previousExecutionState: folded.previousExecution,
        inUse: folded.executing !== undefined || folded.stable === 'Halted',
        run:
          progress && run && haltedAt !== undefined && !folded.executing
            ? { ...progress, endMs: runEndMs(run) }
            : progress,
      };
    },
    start: (plan, request) => begin(plan, request.operation, request.restorePointDateMs),
    undo(plan) {
      const folded = fold(plan, world.clock.now());
      const operation = folded.executing ? undefined : undoOperation(folded.stable);
      if (!operation)
        throw new PlanStateError(
          `Cannot undo plan "${plan.name}" in state ${describe(stateOf(folded))}: undo needs FAILOVER, FAILBACK or HALTED.`,
        );
      begin(plan, operation);
    },
    halt(plan) {
      const folded = fold(plan, world.clock.now());
      const current = folded.executing;
      if (!current || current.haltedAtMs !== undefined) {
        throw new PlanStateError(
          `Cannot halt plan "${plan.name}" in state ${describe(stateOf(folded))}: it is not executing.`,
        );
      }
      world.runs.halt(current);
    },
    setEnabled(plan, value) {
      const folded = fold(plan, world.clock.now());
      if (folded.executing)
        throw new PlanStateError(
          `Cannot ${value ? 'enable' : 'disable'} plan "${plan.name}" while it is ${describe(stateOf(folded))}.`,
        );
      enabledByPlan.set(plan.index, value);
    },
  };
}

/** A state as messages show it: FAILOVER is both executing and done, so say which. */
function describe(state: PlanState): string {
  return isActive(state) && state !== 'Halting' ? `${STATE_NAMES[state]} (in progress)` : STATE_NAMES[state];
}

function stateOf(folded: Folded): PlanState {
  const current = folded.executing;
  if (!current) return folded.stable;
  return current.haltedAtMs !== undefined ? 'Halting' : OPERATIONS[current.operation].active;
}
