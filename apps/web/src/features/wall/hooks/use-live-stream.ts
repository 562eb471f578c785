import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { StreamStatus } from '../../../lib/live-events.ts';

/** Opens the app's event stream, which refreshes the queries each event makes out of date; returns the closer. */
export type StartLiveUpdates = (
  queryClient: QueryClient,
  options: { onStatus: (status: StreamStatus) => void },
) => () => void;

/** The event stream's status, and since when (browser ms). */
export interface LiveStream {
  status: StreamStatus | 'off';
  since: number;
}

/** Keeps the event stream open while `enabled` (signed in); its status. */
export function useLiveStream(start: StartLiveUpdates, enabled: boolean): LiveStream {
  const queryClient = useQueryClient();
  const [stream, setStream] = useState<{ status: StreamStatus; since: number }>(() => ({
    status: 'connecting',
    since: Date.now(),
  }));
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    return start(queryClient, { onStatus: (status) => setStream({ status, since: Date.now() }) });
  }, [enabled, start, queryClient]);
  return enabled ? stream : { status: 'off', since: stream.since };
}
