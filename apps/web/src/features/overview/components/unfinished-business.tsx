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
  const { plans, failedRuns, operations, sources } = unfinished;
  const needed = operations.unknown + operations.failed + operations.awaitingApproval;
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
          <h3 className="font-semibold">Operations that need a person</h3>
          {needed === 0 ? (
            <p className="text-sm text-slate-700">No operation failed, lost its answer or awaits approval.</p>
          ) : (
            <ul className="mt-1 flex flex-col gap-1">
              {operations.unknown > 0 ? (
                <li className="flex items-center gap-2">
                  <Icon name="question" className="size-4 text-red-800" />
                  <Link to="/operations?state=unknown" className={linkClass}>
                    {plural(operations.unknown, 'operation')} with an unknown outcome
                  </Link>
                </li>
              ) : null}
              {operations.failed > 0 ? (
                <li className="flex items-center gap-2">
                  <Icon name="x" className="size-4 text-red-800" />
                  <Link to="/operations?state=failed" className={linkClass}>
                    {plural(operations.failed, 'failed operation')}
                  </Link>
                </li>
              ) : null}
              {operations.awaitingApproval > 0 ? (
                <li className="flex items-center gap-2">
                  <Icon name="clock" className="size-4" />
                  <Link to="/operations?state=awaiting_approval" className={linkClass}>
                    {plural(operations.awaitingApproval, 'operation')} awaiting approval
                  </Link>
                </li>
              ) : null}
            </ul>
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
