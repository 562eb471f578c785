import type { PlanState, RpoStatus } from '@lifeboat/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PlanStateBadge, planStatesWorstFirst } from '../../../components/status/plan-state-badge.tsx';
import { rpoGradesWorstFirst, RpoStatusBadge } from '../../../components/status/rpo-status-badge.tsx';
import { formatCount, plural } from '../../../lib/format.ts';
import { Panel, type Freshness } from './panel.tsx';

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

/** What the overview hands each count panel. */
type CountsProps<K extends string> = { counts: Partial<Record<K, number>>; freshness: Freshness };

/** A panel of counts by key (a grade, a state): the total, then each key's count linking to its list. */
function CountsPanel<K extends string>({
  id,
  title,
  freshness,
  counts,
  keys,
  totalNoun,
  noun,
  nounPlural,
  to,
  badge,
}: CountsProps<K> & {
  id: string;
  title: string;
  keys: readonly K[];
  /** What the total counts: "recovery plan". */
  totalNoun: string;
  noun: string;
  nounPlural: string;
  to: (key: K) => string;
  badge: (key: K) => ReactNode;
}) {
  return (
    <Panel id={id} title={title} freshness={freshness}>
      <p className="mb-2 text-sm text-slate-700">{plural(total(counts), totalNoun)} in all.</p>
      <ul className="flex flex-col gap-1.5">
        {keys.map((key) => (
          <CountLink
            key={key}
            to={to(key)}
            badge={badge(key)}
            count={counts[key] ?? 0}
            noun={noun}
            nounPlural={nounPlural}
          />
        ))}
      </ul>
    </Panel>
  );
}

/** How many VMs are in each RPO grade; each grade opens the RPO list filtered to it. */
export function RpoPanel(props: CountsProps<RpoStatus>) {
  return (
    <CountsPanel
      {...props}
      id="rpo"
      title="RPO compliance"
      keys={rpoGradesWorstFirst}
      totalNoun="VM"
      noun="VM"
      nounPlural="VMs"
      to={(grade) => `/rpo?status=${grade}`}
      badge={(grade) => <RpoStatusBadge status={grade} />}
    />
  );
}

/** How many plans are in each state; each state opens the plans list filtered to it. */
export function PlansPanel(props: CountsProps<PlanState>) {
  return (
    <CountsPanel
      {...props}
      id="plans"
      title="Plans by state"
      keys={planStatesWorstFirst}
      totalNoun="recovery plan"
      noun="plan"
      nounPlural="plans"
      to={(state) => `/plans?state=${state}`}
      badge={(state) => <PlanStateBadge state={state} />}
    />
  );
}
