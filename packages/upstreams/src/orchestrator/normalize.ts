import { boundedText, entityId, isGuid } from '../values.ts';
import type {
  Plan,
  PlanAction,
  PlanActionAvailability,
  PlanState,
  PlanVm,
  RunResult,
} from '@lifeboat/shared';
import type { PlanFields } from './dialect.ts';
import type { RawRuntimeDetails, RawRuntimeVm } from './raw-schemas.ts';

const bounded = (s: string | null) => (s === null ? null : boundedText(s));

// Veeam never published the API's state words (veeam-api.md §2.5): these are the stable and
// active states of the VRO 13 user guide in PascalCase, as the simulator serves them, plus VAO's
// documented `Processing` (v2, executing) and `Restored` (restore plans, in place of FAILOVER).
// Maps, not object literals, so a state word like `constructor` finds nothing.
const STATES = new Map<string, PlanState>([
  ['NotVerified', 'ready'],
  ['Verified', 'ready'],
  ['UndoFailover', 'ready'],
  ['CommitFailback', 'ready'],
  ['Processing', 'running'],
  ['Halting', 'running'],
  ['Failover', 'failed_over'],
  ['UndoFailback', 'failed_over'],
  ['Restored', 'failed_over'],
  ['Failback', 'failed_back'],
  ['PermanentFailover', 'permanent_failover'],
  ['Halted', 'halted'],
]);

export function planState(nativeState: string | null): PlanState {
  if (nativeState === null) return 'unknown';
  // Every executing state ends so (FailoverInProgress, UndoFailbackInProgress, ...).
  if (nativeState.endsWith('InProgress')) return 'running';
  return STATES.get(nativeState) ?? 'unknown';
}

const RESULTS = new Map<string, RunResult>([
  ['None', 'none'],
  ['Success', 'success'],
  ['Warning', 'warning'],
  ['Error', 'failed'],
  ['Failed', 'failed'],
]);

/** Where the workloads run, as the states that allow each action (the simulator's state machine). */
const ON_PRODUCTION = ['NotVerified', 'Verified', 'UndoFailover', 'CommitFailback'];
const ON_REPLICAS = ['Failover', 'UndoFailback'];

interface ActionRule {
  label: string;
  /** The native states it may start from. */
  from: readonly string[];
  /** What the plan must be, in plain words. */
  needs: string;
  /** The state it leads to, when being there already is the reason it cannot run. */
  already?: PlanState;
}

const ACTIONS: Readonly<Record<PlanAction, ActionRule>> = {
  failover: { label: 'Failover', from: ON_PRODUCTION, needs: 'ready', already: 'failed_over' },
  // Undo from HALTED undoes everything (VAO 3.0 "Undo Plan"); after an undo failback the plan is on
  // the replicas again, but there is no failover left to undo, only a new failback.
  undoFailover: {
    label: 'Undo failover',
    from: ['Failover', 'Halted'],
    needs: 'failed over by a failover, or halted',
  },
  failback: { label: 'Failback', from: ON_REPLICAS, needs: 'failed over', already: 'failed_back' },
  commitFailback: { label: 'Commit failback', from: ['Failback'], needs: 'failed back' },
  undoFailback: { label: 'Undo failback', from: ['Failback'], needs: 'failed back' },
};

const STATE_WORDS: Readonly<Record<PlanState, string>> = {
  ready: 'ready',
  running: 'running',
  failed_over: 'failed over',
  failed_back: 'failed back',
  permanent_failover: 'permanently failed over',
  halted: 'halted',
  unknown: 'in an unknown state',
};

/** Native states whose plain words must say more than their normalized state. */
const NATIVE_WORDS = new Map<string, string>([
  ['UndoFailback', 'failed over by an undo failback'],
  ['Restored', 'restored'],
]);

/**
 * Whether each action may run now, and why not in plain words: the Orchestrator refuses any action
 * on a disabled plan or while one executes, and each action only from the states it starts from.
 */
export function allowedActions(
  nativeState: string | null,
  enabled: boolean | null,
): PlanActionAvailability[] {
  const state = planState(nativeState);
  return (Object.keys(ACTIONS) as PlanAction[]).map((action) => {
    const reason = refusal(ACTIONS[action], nativeState, state, enabled);
    return { action, allowed: reason === null, reason };
  });
}

function refusal(
  rule: ActionRule,
  nativeState: string | null,
  state: PlanState,
  enabled: boolean | null,
): string | null {
  if (enabled === false) return 'The plan is disabled.';
  if (state === 'running') return 'An action is running.';
  if (nativeState === null) return 'The Orchestrator did not say what state the plan is in.';
  if (state === 'unknown') return `The plan's state "${nativeState.slice(0, 80)}" is not one Lifeboat knows.`;
  if (rule.from.includes(nativeState)) return null;
  if (rule.already === state) return `The plan is already ${STATE_WORDS[state]}.`;
  const now = NATIVE_WORDS.get(nativeState) ?? STATE_WORDS[state];
  return `${rule.label} needs the plan to be ${rule.needs}; it is ${now}.`;
}

export interface NormalizeContext {
  sourceId: string;
  /** The upstream's entity kind for refs (FailoverPlan in v2, RecoveryPlan in v3). */
  kind: string;
}

/** Progress 0-100, or null when the upstream did not say. */
function progressOf(value: number | null | undefined): number | null {
  return value == null ? null : Math.min(100, Math.max(0, value));
}

function vmOf(vm: RawRuntimeVm): PlanVm {
  return {
    name: boundedText(vm.vmName),
    nativeId: vm.vmId && isGuid(vm.vmId) ? vm.vmId.toLowerCase() : null,
    // Where the VM is in the running action: the upstream's own state words and step messages.
    ...(vm.state
      ? {
          run: {
            state: boundedText(vm.state),
            progress: progressOf(vm.progress),
            result: vm.resultName ? boundedText(vm.resultName) : null,
            steps: (vm.steps ?? []).map((step) => ({
              name: boundedText(step.stepName),
              state: boundedText(step.state ?? 'Unknown'),
              result: step.resultName ? boundedText(step.resultName) : null,
              message: step.message ? boundedText(step.message) : null,
            })),
          },
        }
      : {}),
  };
}

/**
 * A plan in the shared model. `runtime` is the plan's runtime details when it was read (v3, while
 * the plan runs): the only place the API lists a plan's VMs and its progress.
 */
export function normalizePlan(f: PlanFields, ctx: NormalizeContext, runtime: RawRuntimeDetails | null): Plan {
  const state = planState(f.nativeState);
  const vms = (runtime?.vms ?? []).map(vmOf);
  return {
    id: entityId(ctx.sourceId, f.nativeId),
    ref: { source: ctx.sourceId, kind: ctx.kind, nativeId: f.nativeId },
    name: boundedText(f.name),
    planType: boundedText(f.planType),
    state,
    nativeState: boundedText(f.nativeState ?? ''),
    result: (f.resultName !== null && RESULTS.get(f.resultName)) || 'unknown',
    enabled: f.enabled,
    vmCount: f.vmCount ?? (runtime?.vms ? vms.length : null),
    vms,
    rpoTargetMinutes: f.rpoTargetMinutes,
    rtoTargetMinutes: f.rtoTargetMinutes,
    progress: state === 'running' ? progressOf(runtime?.totalProgress) : null,
    // The Orchestrator has site scopes, not tenants.
    tenant: null,
    site: bounded(f.site),
    description: bounded(f.description),
    allowedActions: allowedActions(f.nativeState, f.enabled),
  };
}
