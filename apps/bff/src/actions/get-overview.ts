import {
  PlanState,
  type FailoverSession,
  type OverallStatus,
  type Plan,
  type Overview,
  type RpoStatus,
  type RunInProgress,
} from '@lifeboat/shared';
import { keptForAnswers } from '../http/send-json.ts';
import type { Inventory } from '../inventory/inventory.ts';
import { tallyRpo, zeros, type RpoTally } from '../inventory/vm-rpo.ts';
import type { Database } from '../store/database.ts';
import { freshShared } from '../store/fresh-shared.ts';
import { countOperationsIn } from '../store/operations.ts';

/** Compares two tenants' grades, worst grade first, then by how many VMs have it (>0: `a` is worse). */
function worse(a: Record<RpoStatus, number>, b: Record<RpoStatus, number>): number {
  for (const grade of ['critical', 'severe', 'exceeded', 'unknown'] as const)
    if (a[grade] !== b[grade]) return a[grade] - b[grade];
  return 0;
}

const openOperationCounts = new WeakMap<Database, () => Promise<Record<string, number>>>();

/** Operations that failed, whose outcome is unknown, or that await approval, by state: read fresh, shared by requests arriving together. */
function countOpenOperations(db: Database): Promise<Record<string, number>> {
  let count = openOperationCounts.get(db);
  if (!count) {
    count = freshShared(() => countOperationsIn(db, ['failed', 'unknown', 'awaiting_approval']));
    openOperationCounts.set(db, count);
  }
  return count();
}

type TenantRpo = Overview['rpoByTenant'][number];
const tenantOrders = new WeakMap<RpoTally, TenantRpo[]>();

/**
 * The tenants, worst first, then by name: sorted once per tally (once per change of a grade), not
 * per overview: 1,000 tenants at `large` took about 10 ms a request. Shared by every answer.
 */
function worstTenantsFirst(tally: RpoTally): TenantRpo[] {
  let order = tenantOrders.get(tally);
  if (!order) {
    order = [...tally.byTenant]
      .map(([tenant, counts]) => ({ tenant, counts }))
      .sort((a, b) => worse(b.counts, a.counts) || (a.tenant ?? '').localeCompare(b.tenant ?? ''));
    tenantOrders.set(tally, keptForAnswers(order));
  }
  return order;
}

/** Plans whose workloads are not back home: failed over, failed back but not committed, or halted. */
const UNFINISHED: ReadonlySet<PlanState> = new Set(['failed_over', 'failed_back', 'halted']);

type FromPolls = {
  byState: Record<PlanState, number>;
  runsInProgress: RunInProgress[];
  unfinishedPlans: Overview['unfinished']['plans'];
  failedRuns: number;
};

/**
 * What the overview takes from the polled plans and sessions, made once per poll that changed
 * them (`Inventory.memo`), not per overview: 800 runs and unfinished plans at `large`. Its arrays
 * are shared by every answer.
 */
function fromPolls(plans: readonly Plan[], sessions: readonly FailoverSession[]): FromPolls {
  const byState = zeros(PlanState.options);
  for (const p of plans) byState[p.state]++;
  const runsInProgress: RunInProgress[] = [
    ...plans
      .filter((p) => p.state === 'running')
      .map((p) => ({
        id: p.id,
        kind: 'plan' as const,
        name: p.name,
        source: p.ref.source,
        nativeState: p.nativeState,
        progress: p.progress,
        startedAt: null,
        rtoTargetMinutes: p.rtoTargetMinutes,
      })),
    ...sessions
      .filter((s) => s.state !== 'stopped' && s.state !== 'unknown')
      .map((s) => ({
        id: s.id,
        kind: 'failover-session' as const,
        name: s.planName,
        source: s.ref.source,
        nativeState: s.nativeState,
        progress: s.progress,
        startedAt: s.startedAt,
        rtoTargetMinutes: null,
      })),
  ];
  const unfinishedPlans = plans
    .filter((p) => UNFINISHED.has(p.state))
    .map((p) => ({
      id: p.id,
      name: p.name,
      source: p.ref.source,
      state: p.state,
      nativeState: p.nativeState,
    }));
  return {
    byState,
    runsInProgress: keptForAnswers(runsInProgress),
    unfinishedPlans: keptForAnswers(unfinishedPlans),
    failedRuns: sessions.filter((s) => s.result === 'failed').length,
  };
}

/** The answer to "can we recover, and how much would we lose?", from every source's last good data. */
export async function getOverview(inv: Inventory, db: Database): Promise<Overview> {
  await inv.settled();
  const sources = inv.sources();
  const ops = await countOpenOperations(db);

  const tally = tallyRpo((await inv.vmRpo()).vms);
  const rpo = tally.all;
  const rpoByTenant = worstTenantsFirst(tally);
  const { byState, runsInProgress, unfinishedPlans, failedRuns } = inv.memo('overview', () =>
    fromPolls(inv.list('plans'), inv.list('failoverSessions')),
  );
  const troubled = sources.filter((s) => s.status !== 'ok' && s.status !== 'disabled');

  const reasons: [OverallStatus, string][] = [];
  if (rpo.critical) reasons.push(['critical', `${rpo.critical} VM(s) far beyond their RPO target`]);
  if (rpo.severe) reasons.push(['critical', `${rpo.severe} VM(s) at 2-4x their RPO target`]);
  for (const s of troubled.filter((s) => s.status === 'down' || s.status === 'auth_failed'))
    reasons.push([
      'critical',
      `${s.name} is ${s.status === 'auth_failed' ? 'refusing our sign-in' : 'unreachable'}`,
    ]);
  if (rpo.exceeded) reasons.push(['warning', `${rpo.exceeded} VM(s) past their RPO target`]);
  if (unfinishedPlans.length)
    reasons.push(['warning', `${unfinishedPlans.length} plan(s) not back on production`]);
  for (const s of troubled.filter((s) => s.status === 'degraded'))
    reasons.push(['warning', `${s.name} data is ${s.stale ? 'stale' : 'partly unreadable'}`]);
  if (rpo.unknown) reasons.push(['warning', `${rpo.unknown} protected VM(s) without any restore point`]);
  if (ops.unknown)
    reasons.push(['critical', `${ops.unknown} operation(s) whose outcome is unknown: check them upstream`]);
  if (ops.failed) reasons.push(['warning', `${ops.failed} operation(s) failed`]);
  const rank: Record<OverallStatus, number> = { critical: 3, warning: 2, unknown: 1, ok: 0 };
  reasons.sort((a, b) => rank[b[0]] - rank[a[0]]);
  const nothingKnown = sources.every((s) => s.asOf === null);
  const status: OverallStatus = reasons[0]?.[0] ?? (nothingKnown ? 'unknown' : 'ok');

  return {
    asOf: new Date().toISOString(),
    status,
    reasons: reasons.map(([, r]) => r),
    rpo,
    rpoByTenant,
    plans: byState,
    runsInProgress,
    unfinished: {
      plans: unfinishedPlans,
      failedRuns,
      operations: {
        failed: ops.failed ?? 0,
        unknown: ops.unknown ?? 0,
        awaitingApproval: ops.awaiting_approval ?? 0,
      },
      sources: troubled.map((s) => ({ id: s.id, name: s.name, status: s.status, stale: s.stale })),
    },
    sources: inv.statuses(),
  };
}
