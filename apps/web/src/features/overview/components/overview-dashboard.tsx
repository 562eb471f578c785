import { LiveStatus, LoadFailure } from '../../../components/ui/feedback.tsx';
import { StaleDataNotice } from '../../../components/ui/stale-data-notice.tsx';
import { useOverview } from '../api/get-overview.ts';
import { PlansPanel, RpoPanel } from './count-panels.tsx';
import type { Freshness } from './panel.tsx';
import { RpoByTenantPanel } from './rpo-by-tenant.tsx';
import { RunsInProgressPanel } from './runs-in-progress.tsx';
import { StatusTile } from './status-tile.tsx';
import { UnfinishedBusinessPanel } from './unfinished-business.tsx';

/**
 * The landing page: can we recover? The worst-of status and why, RPO compliance, plans by state,
 * what is running and what is left half-done; each panel says how old its data is.
 */
export function OverviewDashboard({ sourceName = (id) => id }: { sourceName?: (id: string) => string }) {
  const query = useOverview();
  const data = query.data;

  const freshness: Freshness | null = data
    ? { sources: data.sources, asOf: data.asOf, receivedAt: query.dataUpdatedAt, sourceName }
    : null;

  return (
    <div className="flex flex-col gap-4">
      <LiveStatus>
        {query.isPending
          ? 'Loading the overview…'
          : query.isError && !data
            ? 'Failed to load the overview.'
            : ''}
      </LiveStatus>
      <LoadFailure query={query} title="Could not load the overview" />
      {data && freshness ? (
        <>
          <StaleDataNotice sources={data.sources} asOf={data.asOf} receivedAt={query.dataUpdatedAt} />
          <StatusTile status={data.status} reasons={data.reasons} freshness={freshness} />
          <RunsInProgressPanel runs={data.runsInProgress} freshness={freshness} sourceName={sourceName} />
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-3" data-testid="overview-data">
            <RpoPanel counts={data.rpo} freshness={freshness} />
            <PlansPanel counts={data.plans} freshness={freshness} />
            <UnfinishedBusinessPanel unfinished={data.unfinished} freshness={freshness} />
            <RpoByTenantPanel rows={data.rpoByTenant} freshness={freshness} />
          </div>
        </>
      ) : null}
    </div>
  );
}
