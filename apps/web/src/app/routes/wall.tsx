import type { ListParams } from '../../lib/list-query.ts';
import { getSession, sessionQueryKey } from '../../features/auth/api/get-session.ts';
import { kioskSignIn } from '../../features/kiosk-links/api/kiosk-sign-in.ts';
import { getOperations, getOperationsQueryOptions } from '../../features/operations/api/get-operations.ts';
import { getOverview, overviewQueryKey } from '../../features/overview/api/get-overview.ts';
import { getSources, sourcesQueryKey } from '../../features/sources/api/get-sources.ts';
import { WallError } from '../../features/wall/components/wall-error.tsx';
import { WallScreen, type WallDeps } from '../../features/wall/components/wall-screen.tsx';
import { startLiveUpdates } from '../live-updates.tsx';

/** The latest few operations in one state: the wall names only what fits on a tile, and counts the rest. */
function latestOperations(state: 'failed' | 'unknown') {
  const params: ListParams = { state, sort: 'requestedAt', order: 'desc', limit: '5' };
  return {
    queryKey: getOperationsQueryOptions(params).queryKey,
    fetch: (signal: AbortSignal) => getOperations(params, signal),
  };
}

/** The wall reads the console's own queries (same keys, so the event stream refreshes them too). */
const deps: WallDeps = {
  queries: {
    session: { queryKey: sessionQueryKey, fetch: getSession },
    overview: { queryKey: overviewQueryKey, fetch: getOverview },
    sources: { queryKey: sourcesQueryKey, fetch: getSources },
    failedOperations: latestOperations('failed'),
    unknownOperations: latestOperations('unknown'),
  },
  kioskSignIn,
  startLiveUpdates,
};

/** /wall: the NOC wall display, outside the console's layout (loaded only when opened). */
export function WallRoute() {
  return <WallScreen deps={deps} />;
}

export { WallError as WallRouteError };
