import type { Plan, PlanAction, SourceStatus } from '@lifeboat/shared';
import { planActionDisplay } from '../../../components/status/plan-action.ts';
import { formatAge } from '../../../lib/format.ts';
import { isFailing, sourceAges } from '../../../lib/freshness.ts';
import type { ActionBody } from '../api/request-plan-action.ts';

export type Verdict = 'ok' | 'warn' | 'fail';

/** One pre-flight check: what was checked, how it came out, and why. */
export interface Check {
  label: string;
  verdict: Verdict;
  detail: string;
}

/** Data older than this (and not marked stale by the BFF) still earns a warning before acting. */
const OLD_DATA_SECONDS = 5 * 60;

/**
 * The checks before an action, from what Lifeboat knows now: the plan allows the action, it is
 * enabled, its source is healthy and its data fresh. A `fail` stops the workflow; a `warn` is said
 * plainly but leaves the decision to the operator (the server reads the plan upstream again before
 * sending, and refuses if it no longer allows the action).
 */
export function preflightChecks(
  plan: Plan,
  action: PlanAction,
  source: { status: SourceStatus | undefined; envelopeAsOf: string; elapsedSeconds: number; name: string },
): Check[] {
  const words = planActionDisplay[action].words;
  const checks: Check[] = [];
  const availability = plan.allowedActions.find((a) => a.action === action);
  checks.push(
    availability?.allowed
      ? {
          label: `The plan's state allows ${words}`,
          verdict: 'ok',
          detail: availability.reason ?? `The plan is ${plan.nativeState}.`,
        }
      : {
          label: `The plan's state does not allow ${words}`,
          verdict: 'fail',
          detail:
            availability?.reason ??
            (availability
              ? `The plan is ${plan.nativeState}.`
              : 'The source reports no such action for this plan.'),
        },
  );
  if (plan.enabled === false)
    checks.push({ label: 'The plan is disabled', verdict: 'fail', detail: 'Enable it upstream first.' });
  else if (plan.enabled === true) checks.push({ label: 'The plan is enabled', verdict: 'ok', detail: '' });
  else
    checks.push({
      label: 'Whether the plan is enabled is not known',
      verdict: 'warn',
      detail: 'The source does not say.',
    });

  const status = source.status;
  if (!status) {
    checks.push({
      label: `The health of ${source.name} is not known`,
      verdict: 'warn',
      detail: 'Lifeboat has no word on this source.',
    });
    return checks;
  }
  if (status.status === 'ok')
    checks.push({ label: `${source.name} is healthy`, verdict: 'ok', detail: 'Its last poll succeeded.' });
  else
    checks.push({
      label: isFailing(status.status)
        ? `${source.name} is not answering Lifeboat (${status.status === 'auth_failed' ? 'sign-in refused' : 'down'})`
        : `${source.name} is ${status.status}`,
      verdict: 'warn',
      detail: status.error?.message ?? 'The request is likely to be refused until it recovers.',
    });

  const age = sourceAges([status], source.envelopeAsOf, source.elapsedSeconds)[0]?.ageSeconds ?? null;
  const ageText = formatAge(age);
  if (ageText === null)
    checks.push({
      label: 'No data from the source yet',
      verdict: 'warn',
      detail: 'The plan state shown may be wrong.',
    });
  else if (status.stale || (age !== null && age > OLD_DATA_SECONDS))
    checks.push({
      label: `The plan's data is ${ageText} old${status.stale ? ' (stale)' : ''}`,
      verdict: 'warn',
      detail: 'Lifeboat reads the plan upstream again before sending, and refuses if it changed.',
    });
  else
    checks.push({
      label: `The plan's data is fresh (${ageText} old)`,
      verdict: 'ok',
      detail: 'Lifeboat also reads the plan upstream again just before sending.',
    });
  return checks;
}

export function blocked(checks: readonly Check[]): boolean {
  return checks.some((c) => c.verdict === 'fail');
}

/** What the action does, and what cannot be taken back, in plain words. */
export function consequences(action: PlanAction, plan: Plan): { happens: string[]; final: string[] } {
  const vms =
    plan.vmCount !== null
      ? `${plan.vmCount} VM${plan.vmCount === 1 ? '' : 's'}`
      : plan.vms.length > 0
        ? `${plan.vms.length} VM${plan.vms.length === 1 ? '' : 's'}`
        : 'VMs';
  const once =
    'Lifeboat sends this to the source exactly once. If its answer is lost, Lifeboat checks the plan instead of sending again.';
  switch (action) {
    case 'failover':
      return {
        happens: [
          `The plan's ${vms} are started from their replicas at the DR site, from the restore point chosen below, one after another in the plan's boot order.`,
          'Users then work on the replicas until you fail back (keeping their changes) or undo the failover (discarding them).',
          once,
        ],
        final: [
          'Once sent, the failover cannot be recalled: it can only be undone or failed back afterwards.',
          'Data written to production after the chosen restore point is not on the replicas.',
        ],
      };
    case 'undoFailover':
      return {
        happens: [
          `The replicas of the plan's ${vms} are powered off and reverted; the workloads return to the production VMs as they were before the failover.`,
          once,
        ],
        final: ['Every change made on the replicas since the failover is discarded for good.'],
      };
    case 'failback':
      return {
        happens: [
          `The current state of the plan's ${vms} is copied from the replicas back to production, and the workloads start there again.`,
          'Afterwards you commit the failback (final) or undo it (back to the replicas).',
          once,
        ],
        final: [
          "The production VMs are overwritten with the replicas' data.",
          'The workloads are unavailable while they move.',
        ],
      };
    case 'commitFailback':
      return {
        happens: [`The failback of the plan's ${vms} becomes final and the plan is ready again.`, once],
        final: [
          'After the commit there is no way back to the replicas: undo failback is no longer possible.',
        ],
      };
    case 'undoFailback':
      return {
        happens: [
          `The workloads of the plan's ${vms} go back to the replicas at the DR site, as before the failback.`,
          once,
        ],
        final: ['Changes made on production since the failback are not carried back to the replicas.'],
      };
  }
}

/** The choices of step 1. */
export interface ActionOptions {
  restorePoint: 'latest' | 'before';
  /** A `datetime-local` value, in the browser's time zone. */
  before: string;
  executeChainedPlans: boolean;
  failbackRestoreVMTags: boolean;
}

export const defaultOptions: ActionOptions = {
  restorePoint: 'latest',
  before: '',
  executeChainedPlans: false,
  failbackRestoreVMTags: true,
};

/** The UTC instant of a `datetime-local` value, or null when it is not one. */
export function localToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Why the options cannot be used yet, or null. */
export function optionsProblem(action: PlanAction, options: ActionOptions): string | null {
  if (action === 'failover' && options.restorePoint === 'before' && localToIso(options.before) === null)
    return 'Choose the date and time the restore point must be older than.';
  return null;
}

/** The confirmation of step 2. */
export interface Confirmation {
  reason: string;
  ticket: string;
  password: string;
  typedName: string;
}

export const emptyConfirmation: Confirmation = { reason: '', ticket: '', password: '', typedName: '' };

export const REASON_MIN = 3;

/** Whether the typed name is exactly the plan's name (no trimming, case and spaces count). */
export function nameMatches(typed: string, planName: string): boolean {
  return typed === planName;
}

/** What still stops the request, in the order the form asks; empty when it may be sent. */
export function confirmationProblems(c: Confirmation, planName: string): string[] {
  const problems: string[] = [];
  if (c.reason.trim().length < REASON_MIN) problems.push(`Say why (at least ${REASON_MIN} characters).`);
  if (c.password === '') problems.push('Enter your password.');
  if (!nameMatches(c.typedName, planName)) problems.push("Type the plan's name exactly.");
  return problems;
}

/** The request body of an action, from the two steps. */
export function actionBody(action: PlanAction, options: ActionOptions, c: Confirmation): ActionBody {
  const ticket = c.ticket.trim();
  const common = {
    reason: c.reason.trim(),
    ...(ticket ? { ticket } : {}),
    confirmPlanName: c.typedName,
    password: c.password,
  };
  if (action === 'failover') {
    const before = options.restorePoint === 'before' ? localToIso(options.before) : null;
    return {
      restorePoint: before ? { before } : { latest: true },
      executeChainedPlans: options.executeChainedPlans,
      ...common,
    };
  }
  if (action === 'failback') return { failbackRestoreVMTags: options.failbackRestoreVMTags, ...common };
  return common;
}
