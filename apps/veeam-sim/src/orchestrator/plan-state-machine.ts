// Each plan's state over time. A plan sits in a stable state until an operation starts; the run then
// plays out on the world clock (run-timeline.ts) and the plan lands in the operation's target state
// with the run's result. Nothing is scheduled: every read first settles runs that have ended by the
// clock's now, so a faster world (or a test advancing the clock) finishes runs sooner.
// It knows no HTTP: refusals are PlanStateErrors, which the API maps to a status.

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
import { progressAt, runTimeline, type RunProgress, type RunTimeline } from './run-timeline.ts';

/** How long HALTING lasts before the plan is HALTED (world time). */
const HALTING_MS = 10_000;

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

export interface PlanStateMachine {
  snapshot(plan: OrchestratorPlan): PlanSnapshot;
  start(plan: OrchestratorPlan, operation: Exclude<Operation, 'undoFailover' | 'undoFailback'>): void;
  undo(plan: OrchestratorPlan): void;
  halt(plan: OrchestratorPlan): void;
  setEnabled(plan: OrchestratorPlan, enabled: boolean): void;
}

interface Run {
  readonly from: StableState;
  readonly startMs: number;
  readonly timeline: RunTimeline;
  haltedAtMs: number | undefined;
  settled: boolean;
}

interface PlanRecord {
  enabled: boolean;
  stable: StableState;
  result: RunResult;
  previousExecution: StableState | undefined;
  run: Run | undefined;
}

export function createPlanStateMachine(seed: number, now: () => number): PlanStateMachine {
  // A plan's record is made when it is first read, in the plan's initial state.
  const records = new Map<number, PlanRecord>();

  const settled = (plan: OrchestratorPlan, at: number): PlanRecord => {
    let record = records.get(plan.index);
    if (!record) {
      record = {
        enabled: plan.enabledAtStart,
        stable: initialState(plan.enabledAtStart),
        result: 'None',
        previousExecution: undefined,
        run: undefined,
      };
      records.set(plan.index, record);
    }
    const run = record.run;
    if (run && !run.settled) {
      const haltedAt = run.haltedAtMs;
      if (haltedAt !== undefined ? at >= haltedAt + HALTING_MS : at >= run.startMs + run.timeline.totalMs) {
        run.settled = true;
        record.stable = haltedAt !== undefined ? 'Halted' : OPERATIONS[run.timeline.operation].target;
        // A halted run did not finish, so it has no result.
        record.result = haltedAt !== undefined ? 'None' : run.timeline.result;
        record.previousExecution = run.from;
      }
    }
    return record;
  };

  const executing = (record: PlanRecord): Run | undefined =>
    record.run && !record.run.settled ? record.run : undefined;

  const begin = (plan: OrchestratorPlan, operation: Operation): void => {
    const at = now();
    const record = settled(plan, at);
    const spec = OPERATIONS[operation];
    if (!record.enabled)
      throw new PlanStateError(`Plan "${plan.name}" is DISABLED: enable it before running ${spec.label}.`);
    const current = executing(record);
    if (current)
      throw new PlanStateError(
        `Plan "${plan.name}" is in use (${describe(stateOf(record, current))}): wait for it to finish or halt it.`,
      );
    if (!spec.from.includes(record.stable)) {
      throw new PlanStateError(
        `Cannot run ${spec.label} for plan "${plan.name}" in state ${STATE_NAMES[record.stable]}.`,
      );
    }
    record.run = {
      from: record.stable,
      startMs: at,
      timeline: runTimeline(seed, plan, operation),
      haltedAtMs: undefined,
      settled: false,
    };
  };

  return {
    snapshot(plan) {
      const at = now();
      const record = settled(plan, at);
      const run = record.run;
      const current = executing(record);
      const progress =
        run &&
        progressAt(
          run.timeline,
          run.startMs,
          (run.haltedAtMs ?? at) - run.startMs,
          run.haltedAtMs !== undefined,
        );
      return {
        enabled: record.enabled,
        state: stateOf(record, current),
        result: current ? 'None' : record.result,
        lastStableState: record.stable,
        previousExecutionState: record.previousExecution,
        inUse: current !== undefined || record.stable === 'Halted',
        run:
          progress && run.haltedAtMs !== undefined && run.settled
            ? { ...progress, endMs: run.haltedAtMs + HALTING_MS }
            : progress,
      };
    },
    start: begin,
    undo(plan) {
      const record = settled(plan, now());
      const operation = executing(record) ? undefined : undoOperation(record.stable);
      if (!operation)
        throw new PlanStateError(
          `Cannot undo plan "${plan.name}" in state ${describe(stateOf(record, executing(record)))}: undo needs FAILOVER, FAILBACK or HALTED.`,
        );
      begin(plan, operation);
    },
    halt(plan) {
      const at = now();
      const record = settled(plan, at);
      const current = executing(record);
      if (!current || current.haltedAtMs !== undefined) {
        throw new PlanStateError(
          `Cannot halt plan "${plan.name}" in state ${describe(stateOf(record, current))}: it is not executing.`,
        );
      }
      current.haltedAtMs = at;
    },
    setEnabled(plan, enabled) {
      const record = settled(plan, now());
      const current = executing(record);
      if (current)
        throw new PlanStateError(
          `Cannot ${enabled ? 'enable' : 'disable'} plan "${plan.name}" while it is ${describe(stateOf(record, current))}.`,
        );
      record.enabled = enabled;
    },
  };
}

/** A state as messages show it: FAILOVER is both executing and done, so say which. */
function describe(state: PlanState): string {
  return isActive(state) && state !== 'Halting' ? `${STATE_NAMES[state]} (in progress)` : STATE_NAMES[state];
}

function stateOf(record: PlanRecord, current: Run | undefined): PlanState {
  if (!current) return record.stable;
  return current.haltedAtMs !== undefined ? 'Halting' : OPERATIONS[current.timeline.operation].active;
}
