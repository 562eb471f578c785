import type { ListEnvelope, Plan, ReplicaPoint, ReplicationJob, SourceStatus } from '@lifeboat/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FAST_ALL_KINDS,
  fresh,
  get,
  login,
  simAdmin,
  sources,
  startStack,
  startStackAsViewer,
  waitAllFresh,
  waitFor,
  type Session,
  type SimAdmin,
  type Stack,
} from './harness.ts';
import { openEvents, type SseEvent } from './event-stream.ts';

const HOUR_MS = 3_600_000;

const sourceEvent = (id: string, status: string) => (e: SseEvent) =>
  e.event === 'source' &&
  (e.data as { source: SourceStatus }).source.id === id &&
  (e.data as { source: SourceStatus }).source.status === status;
const inventoryEvent = (source: string, collection: string) => (e: SseEvent) =>
  e.event === 'inventory' &&
  (e.data as { source: string }).source === source &&
  (e.data as { collections: string[] }).collections.includes(collection);

describe('a restart while the Orchestrator is down', () => {
  let stack: Stack;
  let viewer: Session;
  beforeAll(async () => {
    ({ stack, viewer } = await startStackAsViewer({
      ...FAST_ALL_KINDS,
      timing: { breakerHalfOpenMs: 2_000, logonBackoffMs: 2_000 },
    }));
  });
  afterAll(() => stack.close());

  it("serves the Orchestrator's last known plans at once, with their true age, while the healthy sources turn fresh", async () => {
    await waitAllFresh(stack.url, viewer);
    const admin = simAdmin(stack.sim!);
    const before = await get<ListEnvelope<Plan>>(stack.url, '/api/v1/plans?limit=500', viewer);
    const vroPlans = (page: ListEnvelope<Plan>) => page.items.filter((p) => p.ref.source === 'vro-sim');
    expect(vroPlans(before.body)).toHaveLength(stack.sim!.world.plans.length);

    await admin.fault('orchestrator', { down: true });
    const down = await waitFor(async () => {
      const v = (await sources(stack.url, viewer))['vro-sim'];
      return v?.status === 'down' ? v : null;
    });
    const lastGood = down.asOf!;

    await stack.restartBff();
    const restarted = Date.now();
    // The session is kept in the database: the same cookie works after the restart.
    const t = performance.now();
    const first = await get<ListEnvelope<Plan>>(stack.url, '/api/v1/plans?limit=500', viewer);
    const firstMs = performance.now() - t;
    expect(first.status, first.text).toBe(200);
    expect(vroPlans(first.body)).toEqual(vroPlans(before.body));
    expect(first.body.total).toBe(before.body.total);
    expect(first.body.sources.find((s) => s.id === 'vro-sim')).toMatchObject({ asOf: lastGood, stale: true });
    // At once: it waits at most for the Orchestrator's first poll to fail, not for the Orchestrator.
    expect(firstMs).toBeLessThan(3_000);

    const vro = (await sources(stack.url, viewer))['vro-sim']!;
    expect(vro).toMatchObject({ asOf: lastGood, lastSuccessAt: lastGood, stale: true });
    expect(['degraded', 'down']).toContain(vro.status);
    expect(['restored', 'request_failed', 'circuit_open']).toContain(vro.lastError!.code);
    const trueAge = (Date.now() - Date.parse(lastGood)) / 1000;
    expect(Math.abs(vro.ageSeconds! - trueAge)).toBeLessThanOrEqual(1.5);

    const after = await waitFor(async () => {
      const all = await sources(stack.url, viewer);
      return ['em-sim', 'vspc-sim'].every((id) => fresh(all[id]) && Date.parse(all[id]!.asOf!) >= restarted)
        ? all
        : null;
    });
    expect(after['vro-sim']).toMatchObject({ status: 'down', stale: true, asOf: lastGood });
    expect(after['em-sim']!.lastError).toBeNull();

    await admin.clearFaults();
    await waitAllFresh(stack.url, viewer, restarted);
  });
});

describe('a restart while the Orchestrator hangs', () => {
  it('serves every list from the stored data at once, without waiting for the hanging upstream, and does not call the poll the stop cut short a failure', async () => {
    const stack = await startStack({ allKinds: true, pollSeconds: 1, timeoutSeconds: 10 });
    const admin = simAdmin(stack.sim!);
    try {
      const viewer = await login(stack.url, 'viewer');
      await waitAllFresh(stack.url, viewer);
      const hungAt = Date.now();
      await admin.fault('orchestrator', { hang: true });
      // A poll of the Orchestrator started after the hang, and has not ended.
      await waitFor(async () => {
        const vro = (await sources(stack.url, viewer))['vro-sim']!;
        const attempt = Date.parse(vro.lastAttemptAt ?? '');
        return attempt > hungAt && attempt > Date.parse(vro.lastSuccessAt ?? '') ? vro : null;
      });
      await stack.restartBff();
      // The stop abandoned that poll: no failure is shown for it, only the stored data.
      const vro = (await sources(stack.url, viewer))['vro-sim']!;
      expect(vro.lastError?.code).toBe('restored');
      const slowest: Record<string, number> = {};
      for (const path of ['/api/v1/replication-jobs', '/api/v1/plans', '/api/v1/failover-sessions']) {
        const t = performance.now();
        const res = await get(stack.url, path, viewer);
        expect(res.status, path).toBe(200);
        slowest[path] = performance.now() - t;
      }
      // Observed: about 5,000 ms for each of them.
      for (const [path, ms] of Object.entries(slowest)) expect(ms, path).toBeLessThan(1_000);
    } finally {
      await admin.clearFaults();
      await stack.close();
    }
  }, 60_000);
});

describe('live events', () => {
  let stack: Stack;
  let viewer: Session;
  let admin: SimAdmin;
  beforeAll(async () => {
    ({ stack, viewer, admin } = await startStackAsViewer({
      ...FAST_ALL_KINDS,
      timing: { breakerHalfOpenMs: 1_500, logonBackoffMs: 2_000 },
    }));
  });
  afterAll(() => stack.close());
  /** When the newest restore point the BFF serves was taken (ms). */
  const newestPoint = async () => {
    const page = await get<ListEnvelope<ReplicaPoint>>(stack.url, '/api/v1/replica-points?limit=1', viewer);
    return Date.parse(page.body.items[0]!.pointTime);
  };
  beforeEach(async () => {
    await admin.clearFaults();
    await waitAllFresh(stack.url, viewer);
  });

  it('refuses the event stream without a session', async () => {
    const res = await fetch(`${stack.url}/api/v1/events`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'unauthorized', message: expect.any(String) },
      requestId: expect.any(String),
    });
    const forged = await fetch(`${stack.url}/api/v1/events`, {
      headers: { Cookie: `__Host-lifeboat_sid=${'A'.repeat(43)}` },
    });
    expect(forged.status).toBe(401);
    await forged.body?.cancel();
  });

  it('streams source health and inventory changes, and replays what a client missed when it comes back with Last-Event-ID', async () => {
    const cookie = { Cookie: viewer.cookie };
    const stream = await openEvents(stack.url, cookie);
    try {
      expect(stream.res.status).toBe(200);
      expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);

      await admin.fault('orchestrator', { down: true });
      const down = await stream.next(sourceEvent('vro-sim', 'down'));
      expect(down.id).toEqual(expect.any(Number));
      expect(down.data).toEqual({
        type: 'source',
        source: {
          id: 'vro-sim',
          status: 'down',
          asOf: expect.any(String),
          stale: true,
          error: { code: expect.any(String), message: expect.any(String) },
        },
        at: expect.any(String),
      });

      // Restore points arrive as the world's clock moves on. Events travel through the database, so
      // one about an earlier poll may still arrive after it: the one wanted is followed by new points.
      const pointsBefore = await newestPoint();
      await admin.advanceClock(2 * HOUR_MS);
      const changed = await waitFor(async () => {
        const last = stream.events.filter(inventoryEvent('em-sim', 'replicaPoints')).at(-1);
        return last && (await newestPoint()) > pointsBefore ? last : null;
      });
      expect(changed.data).toEqual({
        type: 'inventory',
        source: 'em-sim',
        collections: expect.arrayContaining(['replicaPoints']),
        at: expect.any(String),
      });
      // No event for a source whose data did not change, and ids only go up.
      const ids = stream.events.map((e) => e.id!);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await stream.close();
    }

    // Away: meanwhile the Orchestrator comes back and more restore points arrive.
    const lastId = stream.events.at(-1)!.id!;
    const missedFrom = Date.now();
    const pointsAway = await newestPoint();
    await admin.clearFaults();
    await admin.advanceClock(2 * HOUR_MS);
    await waitAllFresh(stack.url, viewer, missedFrom);
    await waitFor(async () => (await newestPoint()) > pointsAway);

    const resumed = await openEvents(stack.url, { ...cookie, 'Last-Event-ID': String(lastId) });
    try {
      expect(resumed.res.status).toBe(200);
      await resumed.next(sourceEvent('vro-sim', 'ok'));
      await resumed.next(inventoryEvent('em-sim', 'replicaPoints'));
      const ids = resumed.events.map((e) => e.id!);
      // Exactly what was missed, in order, from the next id on.
      expect(ids[0]).toBe(lastId + 1);
      expect(ids).toEqual(ids.map((_, i) => lastId + 1 + i));
    } finally {
      await resumed.close();
    }
  });

  it('tells a client that asks for events the server does not hold to resync', async () => {
    const stream = await openEvents(stack.url, { Cookie: viewer.cookie, 'Last-Event-ID': '999999' });
    try {
      const resync = await stream.next((e) => e.event === 'resync');
      expect(resync).toEqual({ id: null, event: 'resync', data: {} });
      expect(stream.events[0]).toBe(resync);
    } finally {
      await stream.close();
    }
  });

  it('ends open streams with a restarting event when the BFF stops, so they come back', async () => {
    const stream = await openEvents(stack.url, { Cookie: viewer.cookie });
    await stack.restartBff();
    await waitFor(() => Promise.resolve(stream.ended));
    expect(stream.events.at(-1)).toEqual({ id: null, event: 'restarting', data: {} });
    await stream.close();
    // A live inventory change still reaches a new stream after the restart.
    const again = await openEvents(stack.url, { Cookie: viewer.cookie });
    try {
      await waitAllFresh(stack.url, viewer);
      await admin.advanceClock(2 * HOUR_MS);
      await again.next(inventoryEvent('em-sim', 'replicaPoints'));
      const jobs = await get<ListEnvelope<ReplicationJob>>(stack.url, '/api/v1/replication-jobs', viewer);
      expect(jobs.status).toBe(200);
    } finally {
      await again.close();
    }
  });

  it('after a restart, tells a client resuming with an id from before it to resync', async () => {
    const before = await openEvents(stack.url, { Cookie: viewer.cookie });
    await admin.fault('orchestrator', { down: true });
    const seen = await before.next(sourceEvent('vro-sim', 'down'));
    await before.close();
    await admin.clearFaults();
    await stack.restartBff();

    // The new process cannot know what the old one sent after `seen`: the client must refetch.
    const resumed = await openEvents(stack.url, {
      Cookie: viewer.cookie,
      'Last-Event-ID': String(seen.id),
    });
    try {
      await resumed.next(() => true);
      expect(resumed.events[0]!.event).toBe('resync');
    } finally {
      await resumed.close();
    }
  }, 60_000);
});
