import type { Overview } from '@lifeboat/shared';
import { Link } from 'react-router';
import { PlanStateBadge } from '../../../components/status/plan-state-badge.tsx';
import { SourceHealthBadge } from '../../../components/status/source-health-badge.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { plural } from '../../../lib/format.ts';
import { Panel, type Freshness } from './panel.tsx';

const linkClass = 'font-medium text-sky-900 underline decoration-sky-900/40 hover:decoration-sky-900';

/**
 * What is left half-done: plans failed over (or failed back) and not yet finished, failover
 * sessions that failed, and sources that are down or serving stale data.
 */
export function UnfinishedBusinessPanel({
  unfinished,
  freshness,
}: {
  unfinished: Overview['unfinished'];
  freshness: Freshness;
}) {
  const { plans, failedRuns, sources } = unfinished;
  return (
    <Panel id="unfinished" title="Unfinished business" freshness={freshness}>
      <div className="flex flex-col gap-4">
        <div>
          <h3 className="font-semibold">Plans not back to normal</h3>
          {plans.length === 0 ? (
            <p className="text-sm text-slate-700">No plan is failed over or waiting for a commit.</p>
          ) : (
            <ul className="mt-1 flex flex-col gap-1">
              {plans.map((plan) => (
                <li key={plan.id} className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <PlanStateBadge state={plan.state} native={plan.nativeState} />
                  <Link
                    to={`/plans/${encodeURIComponent(plan.id)}`}
                    className={`max-w-72 truncate ${linkClass}`}
                    title={plan.name}
                  >
                    {plan.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>

        <div>
          <h3 className="font-semibold">Failed runs</h3>
          {failedRuns === 0 ? (
            <p className="text-sm text-slate-700">No failover session has failed.</p>
          ) : (
            <p className="flex items-center gap-2">
              <Icon name="x" className="size-4 text-red-800" />
              <Link to="/failover-sessions?result=failed" className={linkClass}>
                {plural(failedRuns, 'failed failover session')}
              </Link>
            </p>
          )}
        </div>

        <div>
          <h3 className="font-semibold">Sources down or stale</h3>
          {sources.length === 0 ? (
            <p className="text-sm text-slate-700">Every source is answering with fresh data.</p>
          ) : (
            <ul className="mt-1 flex flex-col gap-1">
              {sources.map((source) => (
                <li key={source.id} className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <SourceHealthBadge status={source.status} />
                  <span className="max-w-72 truncate" title={`${source.name} (${source.id})`}>
                    {source.name}
                  </span>
                  {source.stale ? (
                    <span className="inline-flex items-center gap-1 text-sm font-semibold text-amber-950">
                      <Icon name="clock" className="size-3.5" />
                      stale
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Panel>
  );
}
