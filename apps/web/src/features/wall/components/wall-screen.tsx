import type { SessionInfo } from '@lifeboat/shared';
import { useEffect, useMemo, useState } from 'react';
import { useLocation } from 'react-router';
import { LIST_REFETCH_MS } from '../../../lib/query-client.ts';
import { applyTheme, storedTheme } from '../../../lib/theme.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useWallAccess, type WallAccess } from '../api/use-wall-access.ts';
import { useWallData, type WallData, type WallQueries } from '../api/wall-queries.ts';
import { useLiveStream, type LiveStream, type StartLiveUpdates } from '../hooks/use-live-stream.ts';
import { useRefreshCycle } from '../hooks/use-refresh-cycle.ts';
import { useReloadOnNewBuild } from '../hooks/use-reload-on-new-build.ts';
import { panelIndex, secondsToNextRefresh } from '../utils/schedule.ts';
import { parseWallOptions, readKioskToken, type WallOptions } from '../utils/wall-options.ts';
import { ReconnectingNotice } from './reconnecting-notice.tsx';
import { panels, WallBoard } from './wall-board.tsx';
import { WallMessage } from './wall-frame.tsx';

/** What the app hands the wall: the queries it reads, the kiosk sign-in, and the event stream. */
export interface WallDeps {
  queries: WallQueries;
  kioskSignIn: (token: string) => Promise<SessionInfo>;
  startLiveUpdates: StartLiveUpdates;
}

/** The same beat as every list of the console (the BFF serves them all from its cache). */
const REFRESH_MS = LIST_REFETCH_MS;

function refusedTitle(access: Extract<WallAccess, { kind: 'refused' }>): string {
  return access.status === 401
    ? 'This kiosk link was revoked or has expired.'
    : `This kiosk link was not accepted: ${access.message}`;
}

/** Everything the wall shows is drawn from these (see `WallScreen`, which gathers them). */
export interface WallViewProps {
  access: WallAccess;
  data: WallData;
  stream: LiveStream;
  options: WallOptions;
  /** When the wall started (browser ms): the rotation and the refreshes count from it. */
  startedAt: number;
  now: number;
}

/** The screen for a state of the wall: a message (no link, refused, starting) or the panels. */
export function WallView({ access, data, stream, options, startedAt, now }: WallViewProps) {
  if (access.kind === 'refused') return <WallMessage title={refusedTitle(access)} />;
  if (access.kind === 'no-link') return <WallMessage title="This screen needs a kiosk link from an admin." />;

  const signedIn = access.kind === 'signed-in';
  const reconnecting =
    data.failing ||
    access.kind === 'unreachable' ||
    // The stream broke (the BFF went away) and no fetch has succeeded since: say so at once.
    (stream.status === 'reconnecting' && data.lastSuccessAt < stream.since) ||
    // A new session is being fetched after a 401: the data on screen is from the old one.
    (!signedIn && data.lastSuccessAt > 0);
  if (data.lastSuccessAt === 0) {
    return (
      <WallMessage title={access.kind === 'unreachable' ? 'Cannot reach Lifeboat' : 'Starting…'}>
        {reconnecting ? <ReconnectingNotice lastSuccessAt={0} now={now} /> : null}
      </WallMessage>
    );
  }
  return (
    <WallBoard
      data={data}
      now={now}
      hideNames={options.hideNames}
      panelIndex={panelIndex(startedAt, now, options.rotateSeconds * 1_000, panels.length)}
      nextRefreshIn={secondsToNextRefresh(startedAt, now, REFRESH_MS)}
      stream={stream.status}
      reconnecting={reconnecting}
    />
  );
}

/**
 * The NOC wall at /wall: signs in with the kiosk link in its fragment, then shows the panels in
 * turn, refreshed on a fixed beat and by the event stream, and keeps the last good screen (saying
 * so) while the BFF is away.
 */
export function WallScreen({ deps }: { deps: WallDeps }) {
  const location = useLocation();
  const options = useMemo(() => parseWallOptions(location.search), [location.search]);
  const token = useMemo(() => readKioskToken(location.hash), [location.hash]);

  const access = useWallAccess({ token, queries: deps.queries, signIn: deps.kioskSignIn });
  const signedIn = access.kind === 'signed-in';
  const data = useWallData(deps.queries, signedIn);
  const stream = useLiveStream(deps.startLiveUpdates, signedIn);
  const [startedAt] = useState(() => Date.now());
  const now = useNow();
  useRefreshCycle(startedAt, REFRESH_MS, signedIn, data.refresh);
  useReloadOnNewBuild(now);
  // The wall has its own dark look: the console's theme (decision 010) must not mirror it; leaving
  // the wall gives the console its reader's theme back.
  useEffect(() => {
    applyTheme('wall', false);
    return () => applyTheme(storedTheme(), false);
  }, []);

  return (
    <WallView access={access} data={data} stream={stream} options={options} startedAt={startedAt} now={now} />
  );
}
