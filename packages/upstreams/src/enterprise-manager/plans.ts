import { redactUrls } from '../redact.ts';
import { boundedText, entityId } from '../values.ts';
import type {
  FailoverSession,
  Plan,
  PlanAction,
  PlanActionAvailability,
  PlanState,
  ReplicaPoint,
} from '@lifeboat/shared';
import { idFromUid, planVmNames } from './normalize.ts';
import type { RawFailoverPlan } from './raw-schemas.ts';

const NO_FAILBACK = 'Enterprise Manager cloud failover plans have no failback; undo the failover instead.';

/**
 * A cloud failover plan as a `Plan`. Enterprise Manager gives a plan no state of its own, so it
 * is read from the world around it: a session of the plan still running means running; a VM of
 * the plan whose newest restore point is in state Failover means failed over; else ready.
 */
export function normalizeEmPlan(
  raw: RawFailoverPlan,
  sourceId: string,
  sessions: readonly FailoverSession[],
  pointsByVm: ReadonlyMap<string, ReplicaPoint>,
): Plan {
  const nativeId = idFromUid(raw['@_UID'], 'CloudFailoverPlan');
  const name = boundedText(raw['@_Name']);
  const tenant = raw.TenantName ? boundedText(raw.TenantName) : null;
  const vmNames = planVmNames(raw).map(boundedText);
  const running = sessions.find((s) => s.planName === name && s.tenant === tenant && s.state !== 'stopped');
  const failedOver = vmNames.some((vm) => pointsByVm.get(vmKey(tenant, vm))?.nativeState === 'Failover');
  const [state, nativeState]: [PlanState, string] = running
    ? ['running', running.nativeState]
    : failedOver
      ? ['failed_over', 'Failover']
      : ['ready', 'Ready'];
  return {
    id: entityId(sourceId, nativeId),
    ref: {
      source: sourceId,
      kind: 'CloudFailoverPlan',
      nativeId,
      ...(raw['@_Href'] ? { href: redactUrls(raw['@_Href']) } : {}),
    },
    name,
    planType: 'Cloud failover',
    state,
    nativeState,
    result: running ? 'none' : (latestResult(sessions, name, tenant) ?? 'none'),
    enabled: null,
    vmCount: vmNames.length,
    vms: vmNames.map((vm) => {
      // While the plan runs, each VM's part in it, from the failover session's VM task.
      const task = running?.vms.find((t) => t.vmName === vm);
      return {
        name: vm,
        nativeId: null,
        ...(task
          ? {
              run: {
                state: task.nativeState,
                progress: task.progress,
                result: task.nativeResult,
                steps: [
                  {
                    name: 'Failover',
                    state: task.nativeState,
                    result: task.nativeResult,
                    message: task.failureMessage,
                  },
                ],
              },
            }
          : {}),
      };
    }),
    rpoTargetMinutes: null,
    rtoTargetMinutes: null,
    progress: running?.progress ?? null,
    tenant,
    site: null,
    description: raw.Description ? boundedText(raw.Description) : null,
    allowedActions: availability(state),
  };
}

/** The key of a VM within a tenant, for the newest-point lookup. */
export const vmKey = (tenant: string | null, vmName: string) => `${tenant ?? ''}\u0000${vmName}`;

function latestResult(sessions: readonly FailoverSession[], name: string, tenant: string | null) {
  let latest: FailoverSession | undefined;
  for (const s of sessions)
    if (
      s.planName === name &&
      s.tenant === tenant &&
      (!latest || (s.startedAt ?? '') > (latest.startedAt ?? ''))
    )
      latest = s;
  return latest?.result;
}

function availability(state: PlanState): PlanActionAvailability[] {
  const rule: Record<PlanAction, string | null> = {
    failover:
      state === 'ready'
        ? null
        : state === 'running'
          ? 'An action is running on this plan.'
          : 'The plan is already failed over.',
    undoFailover:
      state === 'failed_over'
        ? null
        : state === 'running'
          ? 'An action is running on this plan.'
          : 'Nothing to undo: the plan is not failed over.',
    failback: NO_FAILBACK,
    commitFailback: NO_FAILBACK,
    undoFailback: NO_FAILBACK,
  };
  return (Object.keys(rule) as PlanAction[]).map((action) => ({
    action,
    allowed: rule[action] === null,
    reason: rule[action],
  }));
}
