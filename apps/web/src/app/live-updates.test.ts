/**
 * The event stream keeps pages current: an event refetches exactly the queries on screen that it
 * makes out of date (through the real query options and a mocked fetch), a stream the browser
 * gave up on is reopened, and signing out closes it.
 */
import type { ListEnvelope, Overview, SourceList } from '@lifeboat/shared';
import { QueryClient, QueryObserver, type QueryKey } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getFailoverSessionsQueryOptions } from '../features/failover-sessions/api/get-failover-sessions.ts';
import { getOperationQueryOptions } from '../features/operations/api/get-operation.ts';
import { getOperationsQueryOptions } from '../features/operations/api/get-operations.ts';
import { getOverviewQueryOptions } from '../features/overview/api/get-overview.ts';
import { getPlanQueryOptions } from '../features/plans/api/get-plan.ts';
import { getPlansQueryOptions } from '../features/plans/api/get-plans.ts';
import { getReplicationJobsQueryOptions } from '../features/replication-jobs/api/get-replication-jobs.ts';
import { getVmRpoQueryOptions } from '../features/restore-points/api/get-vm-rpo.ts';
import { getSourcesQueryOptions } from '../features/sources/api/get-sources.ts';
import type { EventSourceLike } from '../lib/live-events.ts';
import { queriesForEvent, startLiveUpdates } from './live-updates.tsx';

/** A stand-in for the browser's EventSource that the test drives. */
class FakeEventSource implements EventSourceLike {
  static all: FakeEventSource[] = [];
  readyState = 0;
  closed = false;
  private listeners = new Map<string, ((event: MessageEvent) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.readyState = 2;
    this.closed = true;
  }
  emit(type: string, data?: unknown): void {
    if (type === 'open') this.readyState = 1;
    const event = new MessageEvent(type, {
      data: typeof data === 'string' || data === undefined ? data : JSON.stringify(data),
    });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
  /** The browser gives up on a stream (an HTTP error): error with readyState CLOSED. */
  fail(): void {
    this.readyState = 2;
    this.emit('error');
  }
  static latest(): FakeEventSource {
    const source = FakeEventSource.all.at(-1);
    if (!source) throw new Error('no EventSource was opened');
    return source;
  }
}

const asOf = '2026-11-24T10:00:00.000Z';
const emptyList: ListEnvelope<never> = { items: [], total: 0, nextCursor: null, asOf, sources: [] };
const sources: SourceList = { items: [], asOf };
const overview: Overview = {
  asOf,
  status: 'ok',
  reasons: [],
  rpo: { compliant: 0, exceeded: 0, severe: 0, critical: 0, unknown: 0 },
  plans: {
    ready: 0,
    running: 0,
    failed_over: 0,
    failed_back: 0,
    permanent_failover: 0,
    halted: 0,
    unknown: 0,
  },
  rpoByTenant: [],
  runsInProgress: [],
  unfinished: {
    plans: [],
    failedRuns: 0,
    operations: { failed: 0, unknown: 0, awaitingApproval: 0 },
    sources: [],
  },
  sources: [],
};

/** GET paths the app asked for, in order, without the query string. */
let requested: string[] = [];

function answer(path: string): unknown {
  if (path === '/api/v1/overview') return overview;
  if (path === '/api/v1/sources') return sources;
  if (path.startsWith('/api/v1/plans/')) return { item: null, asOf, sources: [] };
  return emptyList;
}

beforeEach(() => {
  FakeEventSource.all = [];
  requested = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string) => {
      const url = new URL(input, 'http://lifeboat.test');
      requested.push(url.pathname);
      return Promise.resolve(
        new Response(JSON.stringify(answer(url.pathname)), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
      );
    }),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const params = { sort: 'name', order: 'asc', limit: '50' };

/** A query client with these queries on screen (observed), each loaded once. */
async function screenWith(options: { queryKey: QueryKey }[]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const unsubscribe = options.map((o) =>
    new QueryObserver(client, { ...o, refetchInterval: false }).subscribe(() => {}),
  );
  await vi.waitFor(() => expect(requested).toHaveLength(options.length));
  requested = [];
  return {
    client,
    done: () => {
      for (const stop of unsubscribe) stop();
      client.clear();
    },
  };
}

const onScreen = () => [
  getPlansQueryOptions(params),
  getPlanQueryOptions('pl-1'),
  getReplicationJobsQueryOptions(params),
  getFailoverSessionsQueryOptions(params),
  getVmRpoQueryOptions(params),
  getOverviewQueryOptions(),
  getSourcesQueryOptions(),
];

describe('live updates', () => {
  it('opens one stream on /api/v1/events', async () => {
    const { client, done } = await screenWith([getOverviewQueryOptions()]);
    const stop = startLiveUpdates(client, { createEventSource: (url) => new FakeEventSource(url) });
    expect(FakeEventSource.all.map((s) => s.url)).toEqual(['/api/v1/events']);
    stop();
    done();
  });

  it('when a source reports changed plans, refetches the plans on screen, the overview and the sources, and nothing else', async () => {
    const { client, done } = await screenWith(onScreen());
    const stop = startLiveUpdates(client, {
      createEventSource: (url) => new FakeEventSource(url),
      coalesceMs: 0,
    });
    const stream = FakeEventSource.latest();
    stream.emit('open');
    stream.emit('inventory', { type: 'inventory', source: 'em-hq', collections: ['plans'], at: asOf });

    await vi.waitFor(() => expect(requested).toHaveLength(4));
    expect([...requested].sort()).toEqual([
      '/api/v1/overview',
      '/api/v1/plans',
      '/api/v1/plans/pl-1',
      '/api/v1/sources',
    ]);
    stop();
    done();
  });

  it('refetches replica points and per-VM RPO when restore points change, and coalesces a burst', async () => {
    const { client, done } = await screenWith(onScreen());
    const stop = startLiveUpdates(client, {
      createEventSource: (url) => new FakeEventSource(url),
      coalesceMs: 20,
    });
    const stream = FakeEventSource.latest();
    stream.emit('open');
    for (const source of ['em-hq', 'em-dr', 'em-hq'])
      stream.emit('inventory', { type: 'inventory', source, collections: ['replicaPoints'], at: asOf });

    await vi.waitFor(() => expect(requested).toHaveLength(3));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([...requested].sort()).toEqual(['/api/v1/overview', '/api/v1/sources', '/api/v1/vm-rpo']);
    stop();
    done();
  });

  it('refetches the sources, the overview and every list (they carry source health) when a source changes health', () => {
    const keys = queriesForEvent('source', {
      type: 'source',
      source: { id: 'em-dr', status: 'auth_failed', asOf: null, stale: true },
      at: asOf,
    }).map((k) => String(k[0]));
    expect(keys.sort()).toEqual([
      'failover-sessions',
      'overview',
      'plans',
      'replica-points',
      'replication-jobs',
      'sources',
      'vm-rpo',
    ]);
  });

  it('maps each collection to its queries; an unknown one refreshes every list; unreadable events change nothing', () => {
    const keys = (collections: unknown) =>
      queriesForEvent('inventory', { type: 'inventory', source: 'x', collections, at: asOf }).map((k) =>
        String(k[0]),
      );
    expect(keys(['replicationJobs'])).toEqual(['overview', 'sources', 'replication-jobs']);
    expect(keys(['failoverSessions'])).toEqual(['overview', 'sources', 'failover-sessions']);
    expect(keys(['somethingNew']).sort()).toEqual([
      'failover-sessions',
      'overview',
      'plans',
      'replica-points',
      'replication-jobs',
      'sources',
      'vm-rpo',
    ]);
    expect(queriesForEvent('inventory', 'not json')).toEqual([]);
    expect(queriesForEvent('inventory', { type: 'source' })).toEqual([]);
    expect(queriesForEvent('inventory', { type: 'inventory', collections: 'plans' })).toEqual([]);
  });

  it('when an operation moves, refetches the operations on screen (lists and detail), and nothing else', async () => {
    const { client, done } = await screenWith([
      ...onScreen(),
      getOperationsQueryOptions({ sort: 'requestedAt', order: 'desc', limit: '50' }),
      getOperationQueryOptions('op-1'),
    ]);
    const stop = startLiveUpdates(client, {
      createEventSource: (url) => new FakeEventSource(url),
      coalesceMs: 0,
    });
    const stream = FakeEventSource.latest();
    stream.emit('open');
    stream.emit('operation', { type: 'operation', operation: { id: 'op-1', state: 'running' }, at: asOf });

    await vi.waitFor(() => expect(requested).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([...requested].sort()).toEqual(['/api/v1/operations', '/api/v1/operations/op-1']);
    expect(queriesForEvent('operation', { type: 'operation', at: asOf })).toEqual([]);
    stop();
    done();
  });

  it('ignores an event whose data is not JSON', async () => {
    const { client, done } = await screenWith([getOverviewQueryOptions()]);
    const stop = startLiveUpdates(client, {
      createEventSource: (url) => new FakeEventSource(url),
      coalesceMs: 0,
    });
    FakeEventSource.latest().emit('inventory', '<html>');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requested).toEqual([]);
    stop();
    done();
  });

  it('says "reconnecting" calmly, reopens a stream the browser gave up on, and catches up once back', async () => {
    const { client, done } = await screenWith([getPlansQueryOptions(params), getOverviewQueryOptions()]);
    vi.useFakeTimers();
    const statuses: string[] = [];
    const stop = startLiveUpdates(client, {
      createEventSource: (url) => new FakeEventSource(url),
      onStatus: (status) => statuses.push(status),
      coalesceMs: 0,
      firstRetryMs: 1_000,
    });
    const first = FakeEventSource.latest();
    first.emit('open');
    first.fail();
    expect(first.closed).toBe(true);
    expect(FakeEventSource.all).toHaveLength(1);

    vi.advanceTimersByTime(999);
    expect(FakeEventSource.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.all).toHaveLength(2);
    vi.useRealTimers();
    FakeEventSource.latest().emit('open');

    // Events may have been missed while it was down: what is on screen is fetched again.
    await vi.waitFor(() => expect([...requested].sort()).toEqual(['/api/v1/overview', '/api/v1/plans']));
    expect(statuses).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    stop();
    done();
  });

  it('closes the stream for good when stopped (signing out), with no reopening later', () => {
    vi.useFakeTimers();
    const client = new QueryClient();
    const stop = startLiveUpdates(client, {
      createEventSource: (url) => new FakeEventSource(url),
      firstRetryMs: 1_000,
    });
    const stream = FakeEventSource.latest();
    stream.fail();
    stop();
    expect(stream.closed).toBe(true);
    vi.advanceTimersByTime(120_000);
    expect(FakeEventSource.all).toHaveLength(1);
  });
});
