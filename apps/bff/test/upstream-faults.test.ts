import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FailoverSession, ListEnvelope, Overview, Plan } from '@lifeboat/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ALL_SOURCES,
  countOf,
  FAST_ALL_KINDS,
  fresh,
  get,
  simAdmin,
  sources,
  startStackAsViewer,
  waitAllFresh,
  waitFor,
  type Session,
  type SimAdmin,
  type SimApi,
  type Stack,
} from './harness.ts';

const SOURCE_OF: Record<SimApi, string> = {
  enterpriseManager: 'em-sim',
  orchestrator: 'vro-sim',
  serviceProviderConsole: 'vspc-sim',
};

/**
 * Waits until the BFF has started `n` polls of a source after now (seen in its lastAttemptAt);
 * returns how long that took.
 */
async function observePolls(url: string, s: Session, id: string, n: number, timeoutMs = 30_000) {
  const start = Date.now();
  const seen = new Set<string>();
  await waitFor(async () => {
    const at = (await sources(url, s))[id]?.lastAttemptAt;
    if (at && Date.parse(at) >= start) seen.add(at);
    return seen.size >= n;
  }, timeoutMs);
  return Date.now() - start;
}

/** A plain message for an operator: no stack trace, no password, no object dump. */
function expectPlain(message: string, password?: string) {
  expect(message).not.toMatch(/\n|\bat \S+:\d+|\[object|undefined|Error:/);
  if (password) expect(message).not.toContain(password);
}

describe('one upstream failing while the others stay healthy', () => {
  let stack: Stack;
  let viewer: Session;
  let admin: SimAdmin;
  beforeAll(async () => {
    ({ stack, viewer, admin } = await startStackAsViewer({
      ...FAST_ALL_KINDS,
      timing: { logonBackoffMs: 2_000, breakerHalfOpenMs: 2_500 },
    }));
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    await admin.clearFaults();
    await waitAllFresh(stack.url, viewer);
    return () => admin.clearFaults();
  });

  const plans = async () => {
    const res = await get<ListEnvelope<Plan>>(stack.url, '/api/v1/plans?limit=500', viewer);
    expect(res.status, res.text).toBe(200);
    return res.body;
  };
  const vroPlanIds = (page: ListEnvelope<Plan>) =>
    page.items.filter((p) => p.ref.source === 'vro-sim').map((p) => p.id);

  it('F1: the Orchestrator goes down: its plans stay listed, stale with their age, the others stay fresh; all fresh again once it is back', async () => {
    const before = await plans();
    expect(vroPlanIds(before)).toHaveLength(stack.sim!.world.plans.length);

    await admin.fault('orchestrator', { down: true });
    const down = await waitFor(async () => {
      const all = await sources(stack.url, viewer);
      return all['vro-sim']?.status === 'down' ? all : null;
    });
    const vro = down['vro-sim']!;
    expect(vro).toMatchObject({ status: 'down', stale: true, asOf: expect.any(String) });
    expect(['request_failed', 'circuit_open']).toContain(vro.lastError!.code);
    expectPlain(vro.lastError!.message);
    expect(fresh(down['em-sim'])).toBe(true);
    expect(fresh(down['vspc-sim'])).toBe(true);

    // The data keeps its age: asOf stays where the last good poll left it while the polls go on failing.
    await observePolls(stack.url, viewer, 'vro-sim', 2);
    const later = await sources(stack.url, viewer);
    expect(later['vro-sim']!.asOf).toBe(vro.asOf);
    const trueAge = (Date.now() - Date.parse(vro.asOf!)) / 1000;
    expect(later['vro-sim']!.ageSeconds).toBeGreaterThanOrEqual(Math.floor(trueAge) - 1);
    expect(later['vro-sim']!.ageSeconds).toBeLessThanOrEqual(Math.ceil(trueAge) + 1);
    expect(later['vro-sim']!.ageSeconds).toBeGreaterThanOrEqual(vro.ageSeconds!);
    expect(fresh(later['em-sim']) && fresh(later['vspc-sim'])).toBe(true);

    const during = await plans();
    expect(vroPlanIds(during)).toEqual(vroPlanIds(before));
    expect(during.total).toBe(before.total);
    expect(during.sources).toEqual([
      { id: 'em-sim', status: 'ok', asOf: expect.any(String), stale: false },
      {
        id: 'vro-sim',
        status: 'down',
        asOf: vro.asOf,
        stale: true,
        error: {
          code: expect.stringMatching(/^(request_failed|circuit_open)$/),
          message: expect.any(String),
        },
      },
      { id: 'vspc-sim', status: 'ok', asOf: expect.any(String), stale: false },
    ]);
    const overview = await get<Overview>(stack.url, '/api/v1/overview', viewer);
    expect(overview.body.status).toBe('critical');
    expect(overview.body.reasons).toContain('Simulated Orchestrator is unreachable');

    const up = Date.now();
    await admin.fault('orchestrator', { up: true });
    const back = await waitFor(async () => {
      const all = await sources(stack.url, viewer);
      const v = all['vro-sim'];
      return fresh(v) && Date.parse(v!.asOf!) >= up ? all : null;
    });
    expect(back['vro-sim']!.lastError).toBeNull();
    expect(ALL_SOURCES.every((id) => fresh(back[id]))).toBe(true);
    expect(vroPlanIds(await plans())).toEqual(vroPlanIds(before));
  });

  it('F1: while its circuit is open, the Orchestrator gets fewer calls than there are polls', async () => {
    await admin.fault('orchestrator', { status: 503 });
    const open = await waitFor(async () => {
      const v = (await sources(stack.url, viewer))['vro-sim'];
      return v?.lastError?.code === 'circuit_open' ? v : null;
    });
    expect(open).toMatchObject({ status: 'down', stale: true });
    // The real cause stays visible while calls are paused.
    expect(open.lastError!.message).toMatch(/503.*; calls paused since .* \(circuit open\)/);
    expectPlain(open.lastError!.message);

    await admin.resetCalls();
    const polls = 6;
    const elapsed = await observePolls(stack.url, viewer, 'vro-sim', polls);
    const calls = countOf(await admin.calls('orchestrator'), '');
    // One trial call per half-open period at most, however often the BFF polls.
    expect(calls).toBeLessThan(polls);
    expect(calls).toBeLessThanOrEqual(Math.floor(elapsed / 2_500) + 1);
    const others = await sources(stack.url, viewer);
    expect(fresh(others['em-sim']) && fresh(others['vspc-sim'])).toBe(true);

    await admin.clearFaults();
    await waitFor(async () => fresh((await sources(stack.url, viewer))['vro-sim']));
  });

  it('F7: fifty readers during an Enterprise Manager session expiry cause exactly one new logon', async () => {
    const running = await get<ListEnvelope<FailoverSession>>(
      stack.url,
      '/api/v1/failover-sessions?state=running&limit=500',
      viewer,
    );
    // Live detail reads go to Enterprise Manager with the same logon session as the poll.
    const details = running.body.items.map((s) => `/api/v1/failover-sessions/${s.id}`);
    expect(details.length).toBeGreaterThan(0);
    const paths = [
      ...details,
      '/api/v1/failover-sessions?limit=500',
      '/api/v1/plans',
      '/api/v1/vm-rpo',
      '/api/v1/replica-points',
      '/api/v1/overview',
    ];
    await admin.resetCalls();
    let stop = false;
    const failures: string[] = [];
    const readers = Array.from({ length: 50 }, async (_, i) => {
      for (let round = 0; !stop; round++) {
        const path = paths[(i + round) % paths.length]!;
        const res = await get(stack.url, path, viewer);
        if (res.status !== 200) failures.push(`${path}: ${res.status}`);
      }
    });
    try {
      await admin.fault('enterpriseManager', { expireSessions: true });
      const since = Date.now();
      // A successful poll after the expiry, and a later detail read too.
      await waitFor(async () => {
        const em = (await sources(stack.url, viewer))['em-sim'];
        return em?.status === 'ok' && Date.parse(em.asOf!) > since;
      });
      await waitFor(
        async () => countOf(await admin.calls('enterpriseManager'), 'GET /api/cloud/failoverSessions/') > 0,
      );
    } finally {
      stop = true;
      await Promise.all(readers);
    }
    expect(failures).toEqual([]);
    const calls = await admin.calls('enterpriseManager');
    expect(countOf(calls, 'POST /api/sessionMngr')).toBe(1);
  });

  it.each(['enterpriseManager', 'orchestrator', 'serviceProviderConsole'] as const)(
    'F15: %s answers with a redirect: the source says so and the redirect target is never called',
    async (api) => {
      let hits = 0;
      const canary = createServer((_req, res) => {
        hits++;
        res.end('canary');
      });
      await new Promise<void>((r) => canary.listen(0, '127.0.0.1', r));
      try {
        const port = (canary.address() as AddressInfo).port;
        await admin.fault(api, { redirectTo: `http://127.0.0.1:${port}/x?token=s3cr3t` });
        const id = SOURCE_OF[api];
        const failed = await waitFor(async () => {
          const x = (await sources(stack.url, viewer))[id];
          return x?.lastError?.code === 'redirected' ? x : null;
        });
        expect(failed).toMatchObject({ status: 'down', stale: true });
        expect(failed.lastError!.message).toMatch(
          new RegExp(`redirected to http://127\\.0\\.0\\.1:${port}/x.*not followed`),
        );
        // The query string (where tokens travel) is not repeated to the operator.
        expect(failed.lastError!.message).not.toContain('s3cr3t');
        expectPlain(failed.lastError!.message);
        await observePolls(stack.url, viewer, id, 2);
        expect(hits).toBe(0);
        const all = await sources(stack.url, viewer);
        expect(ALL_SOURCES.filter((s) => s !== id).every((s) => fresh(all[s]))).toBe(true);
      } finally {
        await admin.clearFaults();
        await new Promise((r) => canary.close(r));
      }
      await waitFor(async () => fresh((await sources(stack.url, viewer))[SOURCE_OF[api]]));
      expect(hits).toBe(0);
    },
  );
});

describe('F24: the Orchestrator accepts calls and never answers', () => {
  const TIMEOUT_S = 5;
  let stack: Stack;
  let viewer: Session;
  beforeAll(async () => {
    ({ stack, viewer } = await startStackAsViewer({
      allKinds: true,
      pollSeconds: 1,
      timeoutSeconds: TIMEOUT_S,
    }));
    await waitAllFresh(stack.url, viewer);
  });
  afterAll(() => stack.close());

  it('keeps every other list, the overview and /healthz answering promptly', async () => {
    const admin = simAdmin(stack.sim!);
    const running = await get<ListEnvelope<FailoverSession>>(
      stack.url,
      '/api/v1/failover-sessions?state=running&limit=1',
      viewer,
    );
    await admin.resetCalls();
    await admin.fault('orchestrator', { hang: true });
    try {
      // The poll's call has reached the Orchestrator and is now hanging.
      await waitFor(async () => countOf(await admin.calls('orchestrator'), 'GET /api/v3/Plans') > 0);
      const hangStarted = Date.now();
      const paths = [
        '/api/v1/replication-jobs',
        '/api/v1/failover-sessions?limit=500',
        `/api/v1/failover-sessions/${running.body.items[0]!.id}`,
        '/api/v1/vm-rpo',
        '/api/v1/replica-points',
        '/api/v1/plans?source=em-sim',
        '/api/v1/plans?limit=500',
        '/api/v1/overview',
        '/api/v1/sources',
      ];
      const slowest: Record<string, number> = {};
      for (let round = 0; round < 3; round++) {
        for (const path of paths) {
          const t = performance.now();
          const res = await get(stack.url, path, viewer);
          const ms = performance.now() - t;
          expect(res.status, `${path}: ${res.text.slice(0, 200)}`).toBe(200);
          slowest[path] = Math.max(slowest[path] ?? 0, ms);
        }
        const t = performance.now();
        const health = await fetch(`${stack.url}/healthz`);
        expect(health.status).toBe(200);
        slowest['/healthz'] = Math.max(slowest['/healthz'] ?? 0, performance.now() - t);
      }
      // All of it while the Orchestrator call was still hanging.
      expect(Date.now() - hangStarted).toBeLessThan(TIMEOUT_S * 1000);
      const v = (await sources(stack.url, viewer))['vro-sim']!;
      expect(v.lastError).toBeNull();
      for (const [path, ms] of Object.entries(slowest)) expect(ms, path).toBeLessThan(1_000);

      // When the deadline passes, the Orchestrator is down for a timeout; the others are untouched.
      const timedOut = await waitFor(
        async () => {
          const all = await sources(stack.url, viewer);
          return all['vro-sim']?.lastError?.code === 'timeout' ? all : null;
        },
        TIMEOUT_S * 1000 + 10_000,
      );
      expect(timedOut['vro-sim']).toMatchObject({ status: 'down', stale: true });
      expect(timedOut['vro-sim']!.lastError!.message).toBe(`no answer within ${TIMEOUT_S} s`);
      expect(fresh(timedOut['em-sim']) && fresh(timedOut['vspc-sim'])).toBe(true);
    } finally {
      await admin.clearFaults();
    }
    await waitFor(
      async () => fresh((await sources(stack.url, viewer))['vro-sim']),
      TIMEOUT_S * 1000 + 10_000,
    );
  });
});

describe('F8: the Service Provider Console refuses our credentials', () => {
  const BACKOFF_MS = 2_500;
  let stack: Stack;
  let viewer: Session;
  beforeAll(async () => {
    ({ stack, viewer } = await startStackAsViewer({
      ...FAST_ALL_KINDS,
      passwords: { 'vspc-sim': 'not-the-password' },
      timing: { logonBackoffMs: BACKOFF_MS, breakerHalfOpenMs: 2_500 },
    }));
  });
  afterAll(() => stack.close());

  it('shows the source as auth_failed in plain words and tries to log on at most once per backoff period', async () => {
    const refused = await waitFor(async () => {
      const all = await sources(stack.url, viewer);
      return all['vspc-sim']?.status === 'auth_failed' && fresh(all['em-sim']) && fresh(all['vro-sim'])
        ? all
        : null;
    });
    const vspc = refused['vspc-sim']!;
    expect(vspc).toMatchObject({
      stale: false,
      asOf: null,
      ageSeconds: null,
      lastError: { code: 'auth_failed' },
    });
    expect(vspc.lastError!.message).toMatch(/^Service Provider Console refused the logon \(401\)/);
    expectPlain(vspc.lastError!.message, 'not-the-password');
    const overview = await get<Overview>(stack.url, '/api/v1/overview', viewer);
    expect(overview.body.reasons).toContain('Simulated Service Provider Console is refusing our sign-in');

    const admin = simAdmin(stack.sim!);
    await admin.resetCalls();
    const polls = 8;
    const elapsed = await observePolls(stack.url, viewer, 'vspc-sim', polls);
    const tokenCalls = countOf(await admin.calls('serviceProviderConsole'), 'POST /api/v3/token');
    expect(tokenCalls).toBeGreaterThanOrEqual(1);
    expect(tokenCalls).toBeLessThanOrEqual(Math.floor(elapsed / BACKOFF_MS) + 1);
    expect(tokenCalls).toBeLessThan(polls);
    // Nothing else is asked of it without a token.
    expect(Object.keys(await admin.calls('serviceProviderConsole'))).toEqual(['POST /api/v3/token']);
    const after = (await sources(stack.url, viewer))['vspc-sim']!;
    expect(after.status).toBe('auth_failed');
    expect(after.lastError!.message).toMatch(/next logon attempt in \d+ s|refused the logon/);
  });
});
