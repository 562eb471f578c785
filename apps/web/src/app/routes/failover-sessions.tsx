import { useSearchParams } from 'react-router';
import { failoverSessionsListSpec } from '../../features/failover-sessions/api/get-failover-sessions.ts';
import { FailoverDurationsChart } from '../../features/failover-sessions/components/charts.ts';
import { FailoverSessionsList } from '../../features/failover-sessions/components/failover-sessions-list.tsx';
import { parseListState, toApiQuery } from '../../lib/url-state.ts';

export function FailoverSessionsRoute() {
  // The chart follows the list's search and filters, over the newest sessions rather than one page.
  const [params] = useSearchParams();
  const list = parseListState(failoverSessionsListSpec, params);
  const filters = toApiQuery(failoverSessionsListSpec, { ...list, cursor: null });
  return (
    <>
      <title>Failover sessions · Lifeboat</title>
      <h1 className="text-2xl font-bold">Failover sessions</h1>
      <FailoverDurationsChart filters={filters} />
      <FailoverSessionsList />
    </>
  );
}
