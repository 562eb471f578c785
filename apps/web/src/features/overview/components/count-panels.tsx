import type { PlanState, RpoStatus } from '@lifeboat/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PlanStateBadge } from '../../../components/status/plan-state-badge.tsx';
import { RpoStatusBadge } from '../../../components/status/rpo-status-badge.tsx';
import { keysOf } from '../../../lib/enum-values.ts';
import { formatCount, plural } from '../../../lib/format.ts';
import { Panel, type Freshness } from './panel.tsx';

/** Worst first, as the RPO list's filter lists them. */
const rpoGrades = keysOf<RpoStatus>({ critical: 1, severe: 1, exceeded: 1, unknown: 1, compliant: 1 });
/** What needs attention first. */
const planStates = keysOf<PlanState>({
  halted: 1,
  failed_over: 1,
  failed_back: 1,
  running: 1,
  ready: 1,
  permanent_failover: 1,
  unknown: 1,
});

function CountLink({
  to,
  badge,
  count,
  noun,
  nounPlural,
}: {
  to: string;
  badge: ReactNode;
  count: number;
  noun: string;
  nounPlural: string;
}) {
  return (
    <li>
      <Link
        to={to}
        className={`flex items-center justify-between gap-3 rounded-md border px-3 py-2 hover:bg-slate-50 ${
          count > 0 ? 'border-slate-300' : 'border-slate-200 text-slate-700'
        }`}
      >
        {badge}
        <span className="text-right">
          <span className="text-xl font-bold tabular-nums">{formatCount(count)}</span>{' '}
          <span className="text-sm">{count === 1 ? noun : nounPlural}</span>
        </span>
      </Link>
    </li>
  );
}

function total(counts: Partial<Record<string, number>>): number {
  return Object.values(counts).reduce<number>((sum, n) => sum + (n ?? 0), 0);
}

/** How many VMs are in each RPO grade; each grade opens the RPO list filtered to it. */
export function RpoPanel({
  counts,
  freshness,
}: {
  counts: Partial<Record<RpoStatus, number>>;
  freshness: Freshness;
}) {
  return (
    <Panel id="rpo" title="RPO compliance" freshness={freshness}>
      <p className="mb-2 text-sm text-slate-700">{plural(total(counts), 'VM')} in all.</p>
      <ul className="flex flex-col gap-1.5">
        {rpoGrades.map((grade) => (
          <CountLink
            key={grade}
            to={`/rpo?status=${grade}`}
            badge={<RpoStatusBadge status={grade} />}
            count={counts[grade] ?? 0}
            noun="VM"
            nounPlural="VMs"
          />
        ))}
      </ul>
    </Panel>
  );
}

/** How many plans are in each state; each state opens the plans list filtered to it. */
export function PlansPanel({
  counts,
  freshness,
}: {
  counts: Partial<Record<PlanState, number>>;
  freshness: Freshness;
}) {
  return (
    <Panel id="plans" title="Plans by state" freshness={freshness}>
      <p className="mb-2 text-sm text-slate-700">{plural(total(counts), 'recovery plan')} in all.</p>
      <ul className="flex flex-col gap-1.5">
        {planStates.map((state) => (
          <CountLink
            key={state}
            to={`/plans?state=${state}`}
            badge={<PlanStateBadge state={state} />}
            count={counts[state] ?? 0}
            noun="plan"
            nounPlural="plans"
          />
        ))}
      </ul>
    </Panel>
  );
}
