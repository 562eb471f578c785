import type { EVENT_TYPES as EventTypes, LifeboatEvent } from '@lifeboat/shared';
import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Icon } from '../components/ui/icons.tsx';
import { failoverSessionsQueryKey } from '../features/failover-sessions/api/get-failover-sessions.ts';
import { operationsQueryKey } from '../features/operations/api/get-operations.ts';
import { overviewQueryKey } from '../features/overview/api/get-overview.ts';
import { plansQueryKey } from '../features/plans/api/get-plans.ts';
import { replicationJobsQueryKey } from '../features/replication-jobs/api/get-replication-jobs.ts';
import { replicaPointsQueryKey } from '../features/restore-points/api/get-replica-points.ts';
import { vmRpoQueryKey } from '../features/restore-points/api/get-vm-rpo.ts';
import { sourcesQueryKey } from '../features/sources/api/get-sources.ts';
import { apiUrl } from '../lib/api-client.ts';
import { connectEventStream, type EventSourceLike, type StreamStatus } from '../lib/live-events.ts';
import { LIST_REFETCH_MS } from '../lib/query-client.ts';

// The contract's event names, checked against @lifeboat/shared by the compiler (type-only import).
const EVENT_TYPES: typeof EventTypes = ['inventory', 'source', 'operation'];

/** The queries each inventory collection feeds. */
const collectionQueries: Record<string, readonly QueryKey[]> = {
  plans: [plansQueryKey],
  replicationJobs: [replicationJobsQueryKey],
  failoverSessions: [failoverSessionsQueryKey],
  replicaPoints: [replicaPointsQueryKey, vmRpoQueryKey],
  vmRpo: [vmRpoQueryKey],
};
const allCollectionQueries = [...new Set(Object.values(collectionQueries).flat())];
/** Every change shows in the overview, and in the sources' freshness. */
const alwaysQueries: readonly QueryKey[] = [overviewQueryKey, sourcesQueryKey];
/**
 * An operation moved: its lists and its detail (all under one prefix). The audit trail is not
 * refetched by events: each of its reads is itself recorded, so it reads only when asked.
 */
const operationQueries: readonly QueryKey[] = [operationsQueryKey];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The queries an event makes out of date. A collection this build does not know yet refreshes
 * every inventory query rather than none; an event that cannot be read changes nothing.
 */
export function queriesForEvent(type: string, data: unknown): QueryKey[] {
  if (!isRecord(data) || data.type !== type) return [];
  if (type === ('inventory' satisfies LifeboatEvent['type'])) {
    if (!Array.isArray(data.collections)) return [];
    const keys = new Set<QueryKey>(alwaysQueries);
    for (const collection of data.collections) {
      const known = typeof collection === 'string' ? collectionQueries[collection] : undefined;
      for (const key of known ?? allCollectionQueries) keys.add(key);
    }
    return [...keys];
  }
  // Every list and detail carries its sources' health, so a health change refreshes them all.
  if (type === ('source' satisfies LifeboatEvent['type'])) return [...alwaysQueries, ...allCollectionQueries];
  if (type === ('operation' satisfies LifeboatEvent['type'])) {
    return isRecord(data.operation) ? [...operationQueries] : [];
  }
  return [];
}

export interface LiveUpdatesOptions {
  url?: string;
  createEventSource?: (url: string) => EventSourceLike;
  onStatus?: (status: StreamStatus) => void;
  /** Events arriving this close together refresh each query once. */
  coalesceMs?: number;
  firstRetryMs?: number;
}

/**
 * Opens the app's one event stream and refreshes the queries each event makes out of date (only
 * those on screen refetch; the others are marked stale). The queries' own polling stays on, so a
 * dropped stream never freezes the page. Returns the function that closes the stream.
 */
export function startLiveUpdates(queryClient: QueryClient, options: LiveUpdatesOptions = {}): () => void {
  const pending = new Map<string, QueryKey>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;

  function flush() {
    flushTimer = undefined;
    const keys = [...pending.values()];
    pending.clear();
    for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
  }

  function invalidate(keys: readonly QueryKey[]) {
    if (keys.length === 0) return;
    for (const key of keys) pending.set(JSON.stringify(key), key);
    flushTimer ??= setTimeout(flush, options.coalesceMs ?? 250);
  }

  const close = connectEventStream({
    url: options.url ?? apiUrl('/events'),
    eventTypes: EVENT_TYPES,
    onEvent: (type, data) => invalidate(queriesForEvent(type, data)),
    // Back after a break: whatever changed meanwhile was not announced.
    onReconnect: () => invalidate([...alwaysQueries, ...allCollectionQueries, ...operationQueries]),
    ...(options.onStatus ? { onStatus: options.onStatus } : {}),
    ...(options.createEventSource ? { createEventSource: options.createEventSource } : {}),
    ...(options.firstRetryMs !== undefined ? { firstRetryMs: options.firstRetryMs } : {}),
  });

  return () => {
    close();
    clearTimeout(flushTimer);
    pending.clear();
  };
}

/** Keeps the event stream open while `enabled` (signed in and not signing out); its status. */
export function useLiveUpdates(enabled: boolean): StreamStatus | 'off' {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>('connecting');
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    return startLiveUpdates(queryClient, { onStatus: setStatus });
  }, [enabled, queryClient]);
  return enabled ? status : 'off';
}

/**
 * A quiet word in the header on how the page stays current: "Live" while events flow; while the
 * stream is being reopened, the page keeps polling, and says so calmly.
 */
export function LiveIndicator({ status }: { status: StreamStatus | 'off' }) {
  if (status === 'open') {
    return (
      <p className="flex items-center gap-1 text-xs text-slate-200" title="Pages update as the data changes">
        <Icon name="signal" className="size-3.5" />
        Live
      </p>
    );
  }
  if (status === 'reconnecting') {
    return (
      <p
        className="flex items-center gap-1 text-xs text-slate-200"
        title="The live connection is being reopened; meanwhile pages refresh on their own"
      >
        <Icon name="clock" className="size-3.5" />
        Refreshing every {LIST_REFETCH_MS / 1000} s
      </p>
    );
  }
  return null;
}
