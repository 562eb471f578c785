// The course of one plan run: each VM in boot order goes through the operation's steps, one step
// after another, so the run's length grows with the plan's VM count. Durations and the outcome are
// hashed from the seed, the plan and the operation, so the same run always unfolds the same way; the
// progress at any moment follows from the time elapsed since the run started (no timers). A run the
// world recorded differently (started in Enterprise Manager, or failed for want of a restore point)
// keeps these steps, stretched to its length and ending with its result.

import { guidFromWords } from '../world/guid.ts';
import { hash32, hashUnit } from '../world/prng.ts';
import type { OrchestratorPlan, OrchestratorVm } from './plans-from-world.ts';
import { OPERATIONS, type Operation, type RunResult } from './plan-states.ts';

export type ProgressState = 'NotStarted' | 'InProgress' | 'Completed' | 'Halted';

interface ScheduledStep {
  readonly id: string;
  readonly name: string;
  readonly offsetMs: number;
  readonly durationMs: number;
  readonly result: Exclude<RunResult, 'None'>;
  readonly message: string | undefined;
}

export interface RunTimeline {
  readonly operation: Operation;
  readonly totalMs: number;
  readonly result: Exclude<RunResult, 'None'>;
  readonly vms: readonly { readonly vm: OrchestratorVm; readonly steps: readonly ScheduledStep[] }[];
}

export interface StepProgress {
  readonly id: string;
  readonly name: string;
  readonly state: ProgressState;
  readonly progress: number;
  readonly result: RunResult;
  readonly startMs: number | undefined;
  readonly endMs: number | undefined;
  readonly message: string | undefined;
}

export interface VmProgress {
  readonly vm: OrchestratorVm;
  readonly state: ProgressState;
  readonly progress: number;
  readonly result: RunResult;
  readonly steps: readonly StepProgress[];
}

export interface RunProgress {
  readonly operation: Operation;
  readonly startMs: number;
  readonly endMs: number | undefined;
  readonly totalProgress: number;
  readonly vms: readonly VmProgress[];
}

/** The first plans' failover outcomes, so even the small world shows a warning and an error. */
const FIXED_FAILOVER_RESULTS: readonly Exclude<RunResult, 'None'>[] = ['Success', 'Warning', 'Error'];
const OPERATION_CODES: Readonly<Record<Operation, number>> = {
  failover: 1,
  permanentFailover: 2,
  failback: 3,
  commitFailback: 4,
  undoFailover: 5,
  undoFailback: 6,
};

function outcome(seed: number, plan: OrchestratorPlan, operation: Operation): Exclude<RunResult, 'None'> {
  const fixed = operation === 'failover' ? FIXED_FAILOVER_RESULTS[plan.index] : undefined;
  if (fixed) return fixed;
  const roll = hashUnit(seed, plan.index, OPERATION_CODES[operation]);
  return roll < 0.8 ? 'Success' : roll < 0.92 ? 'Warning' : 'Error';
}

/** A run's length and result as the world recorded them. */
export interface RecordedRun {
  readonly totalMs: number;
  readonly result: Exclude<RunResult, 'None'>;
}

export function runTimeline(
  seed: number,
  plan: OrchestratorPlan,
  operation: Operation,
  recorded?: RecordedRun,
): RunTimeline {
  const code = OPERATION_CODES[operation];
  const result = recorded?.result ?? outcome(seed, plan, operation);
  const kinds = OPERATIONS[operation].steps;
  // Each step takes 75% to 125% of its typical time.
  const natural = plan.vms.map((_, position) =>
    kinds.map((kind, step) =>
      Math.round(kind.seconds * 1000 * (0.75 + 0.5 * hashUnit(seed, plan.index, code, position, step))),
    ),
  );
  const naturalMs = natural.flat().reduce((sum, ms) => sum + ms, 0);
  const scale = recorded && naturalMs > 0 ? recorded.totalMs / naturalMs : 1;
  // Steps are placed on the scaled cumulative time, so the last one ends exactly at the run's length.
  let naturalOffsetMs = 0;
  const vms = plan.vms.map((vm, position) => ({
    vm,
    steps: kinds.map((kind, step): ScheduledStep => {
      const offsetMs = Math.round(naturalOffsetMs * scale);
      naturalOffsetMs += natural[position]?.[step] ?? 0;
      // A warning or an error lands on the run's very last step, so the whole run still plays out.
      const last = position === plan.vms.length - 1 && step === kinds.length - 1;
      const stepResult = last ? result : 'Success';
      return {
        id: guidFromWords([
          hash32(seed, plan.index, code, position, step, 0),
          hash32(seed, 0x5354, step),
          hash32(plan.index, position),
          hash32(seed, code, step, 3),
        ]),
        name: kind.name,
        offsetMs,
        durationMs: Math.round(naturalOffsetMs * scale) - offsetMs,
        result: stepResult,
        message: stepResult === 'Warning' ? kind.warning : stepResult === 'Error' ? kind.error : undefined,
      };
    }),
  }));
  return { operation, totalMs: Math.round(naturalMs * scale), result, vms };
}

/** Where the run stands `elapsedMs` after its start; a halted run stays frozen where it was halted. */
export function progressAt(
  timeline: RunTimeline,
  startMs: number,
  elapsedMs: number,
  halted: boolean,
): RunProgress {
  const elapsed = Math.max(0, Math.min(elapsedMs, timeline.totalMs));
  const vms = timeline.vms.map(({ vm, steps }): VmProgress => {
    const stepProgress = steps.map((step): StepProgress => {
      const end = step.offsetMs + step.durationMs;
      // A step the run reached exactly when it was halted never started.
      const started = elapsed > step.offsetMs || (elapsed === step.offsetMs && !halted);
      const done = elapsed >= end;
      const state: ProgressState = done
        ? 'Completed'
        : !started
          ? 'NotStarted'
          : halted
            ? 'Halted'
            : 'InProgress';
      return {
        id: step.id,
        name: step.name,
        state,
        progress: done ? 100 : started ? Math.floor(((elapsed - step.offsetMs) / step.durationMs) * 100) : 0,
        result: done ? step.result : 'None',
        startMs: started ? startMs + step.offsetMs : undefined,
        endMs: done ? startMs + end : undefined,
        message: done ? step.message : undefined,
      };
    });
    const vmDuration = steps.reduce((sum, step) => sum + step.durationMs, 0);
    const vmDone = stepProgress.every((step) => step.state === 'Completed');
    const vmElapsed = steps.reduce(
      (sum, step) => sum + Math.max(0, Math.min(step.durationMs, elapsed - step.offsetMs)),
      0,
    );
    return {
      vm,
      state: vmDone
        ? 'Completed'
        : (stepProgress.find((step) => step.state !== 'Completed' && step.state !== 'NotStarted')?.state ??
          'NotStarted'),
      progress: vmDone ? 100 : vmDuration === 0 ? 0 : Math.floor((vmElapsed / vmDuration) * 100),
      result: vmDone ? worst(stepProgress.map((step) => step.result)) : 'None',
      steps: stepProgress,
    };
  });
  const finished = elapsed >= timeline.totalMs && !halted;
  return {
    operation: timeline.operation,
    startMs,
    endMs: finished ? startMs + timeline.totalMs : undefined,
    totalProgress: finished
      ? 100
      : timeline.totalMs === 0
        ? 0
        : Math.floor((elapsed / timeline.totalMs) * 100),
    vms,
  };
}

function worst(results: readonly RunResult[]): RunResult {
  if (results.includes('Error')) return 'Error';
  if (results.includes('Warning')) return 'Warning';
  return 'Success';
}
