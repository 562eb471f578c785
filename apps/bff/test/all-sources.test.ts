import type {
  ItemEnvelope,
  ListEnvelope,
  Overview,
  Plan,
  PlanAction,
  PlanRestorePoints,
  ReplicaPoint,
  ReplicationJob,
  SourceList,
  VmRpo,
} from '@lifeboat/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOf, get, login, simAdmin, startStack, waitFor, type Session, type SimApi } from './harness.ts';

const SOURCES = ['em-sim', 'vro-sim', 'vspc-sim'];
const ACTIONS: PlanAction[] = ['failover', 'undoFailover', 'failback', 'commitFailback', 'undoFailback'];
/** Every list a dashboard page reads. */
const LISTS = [
  '/api/v1/sources',
  '/api/v1/overview',
  '/api/v1/plans?limit=500',
  '/api/v1/replication-jobs',
  '/api/v1/failover-sessions?limit=500',
  '/api/v1/vm-rpo',
  '/api/v1/replica-points?limit=100',
];
/**
 * The call each upstream makes a fixed number of times per poll (the world is small: one page
 * each), in its first poll and in the later ones.
 */
const PER_POLL: Record<SimApi, { key: string; firstPoll: number; perPoll: number }> = {
  // Plans, sessions and points; then the sessions and points created since (decision 012).
  enterpriseManager: { key: 'GET /api/query', firstPoll: 3, perPoll: 2 },
  orchestrator: { key: 'GET /api/v3/Plans', firstPoll: 1, perPoll: 1 },
  serviceProviderConsole: {
    key: 'GET /api/v3/infrastructure/backupServers/jobs/replicationVmJobs',
    firstPoll: 1,
    perPoll: 1,
  },
};
const LOGON: Record<SimApi, string> = {
  enterpriseManager: 'POST /api/sessionMngr/',
  orchestrator: 'POST /api/token',
  serviceProviderConsole: 'POST /api/v3/token',
};
const APIS = Object.keys(PER_POLL) as SimApi[];

type Stack = Awaited<ReturnType<typeof startStack>>;

const allFresh = async (url: string, s: Session) => {
  const { body } = await get<SourceList>(url, '/api/v1/sources', s);
  return body.items.length === SOURCES.length && body.items.every((x) => x.status === 'ok' && !x.stale)
    ? body
    : null;
};

describe('with an Enterprise Manager, an Orchestrator and a Service Provider Console all live', () => {
  let stack: Stack;
  let viewer: Session;
  beforeAll(async () => {
    stack = await startStack({ allKinds: true });
    viewer = await login(stack.url, 'viewer');
    await waitFor(() => allFresh(stack.url, viewer));
  });
  afterAll(() => stack.close());

  const list = async <T>(path: string) => {
    const res = await get<ListEnvelope<T>>(stack.url, path, viewer);
    expect(res.status, res.text).toBe(200);
    return res.body;
  };

  it("lists the Orchestrator's plans beside the Enterprise Manager's cloud failover plans, each saying what it allows and why not", async () => {
    const world = stack.sim!.world;
    const page = await list<Plan>('/api/v1/plans?limit=500');
    const from = (source: string) => page.items.filter((p) => p.ref.source === source);
    // The Orchestrator shows one recovery plan per world plan, Enterprise Manager one cloud failover plan.
    expect(from('vro-sim')).toHaveLength(world.plans.length);
    expect(from('em-sim')).toHaveLength(world.plans.length);
    expect(page.total).toBe(2 * world.plans.length);
    expect(from('vspc-sim')).toHaveLength(0);
    expect(new Set(from('em-sim').map((p) => p.planType))).toEqual(new Set(['Cloud failover']));
    expect(new Set(from('em-sim').map((p) => p.ref.kind))).toEqual(new Set(['CloudFailoverPlan']));
    expect(new Set(from('em-sim').map((p) => p.name))).toEqual(new Set(world.plans.map((p) => p.name)));
    expect(page.sources.map((s) => [s.id, s.status, s.stale])).toEqual(
      SOURCES.map((id) => [id, 'ok', false]),
    );
    for (const p of page.items) {
      expect(p.id).toBe(`${p.ref.source}.${p.ref.nativeId}`);
      expect(
        p.allowedActions.map((a) => a.action),
        p.id,
      ).toEqual(ACTIONS);
      for (const a of p.allowedActions) {
        if (a.allowed) expect(a.reason, `${p.id} ${a.action}`).toBeNull();
        else expect(a.reason, `${p.id} ${a.action}`).toMatch(/\w{3,}/);
      }
    }
    // A ready plan may fail over; nothing else is open to it.
    const ready = page.items.filter((p) => p.state === 'ready');
    expect(ready.length).toBeGreaterThan(0);
    for (const p of ready.filter((x) => x.enabled !== false)) {
      expect(p.allowedActions.find((a) => a.action === 'failover')!.allowed, p.id).toBe(true);
      expect(p.allowedActions.find((a) => a.action === 'commitFailback')!.allowed, p.id).toBe(false);
    }
    // Enterprise Manager has no failback: said in plain words on every one of its plans.
    for (const p of from('em-sim'))
      expect(p.allowedActions.find((a) => a.action === 'failback')!.reason).toMatch(/no failback/i);
  });

  it('opens one plan of each source by its id, and answers 404 with the error body for one that does not exist', async () => {
    const page = await list<Plan>('/api/v1/plans?limit=500');
    for (const source of ['vro-sim', 'em-sim']) {
      const plan = page.items.find((p) => p.ref.source === source)!;
      const res = await get<ItemEnvelope<Plan>>(stack.url, `/api/v1/plans/${plan.id}`, viewer);
      expect(res.status, res.text).toBe(200);
      expect(res.body.item).toEqual(plan);
      expect(res.body.sources).toEqual([
        { id: source, status: 'ok', asOf: expect.any(String), stale: false },
      ]);
    }
    for (const id of ['vro-sim.00000000-0000-0000-0000-000000000000', 'nowhere.1']) {
      const res = await get<{ error: { code: string; message: string }; requestId: string }>(
        stack.url,
        `/api/v1/plans/${id}`,
        viewer,
      );
      expect(res.status, id).toBe(404);
      expect(res.body).toEqual({
        error: { code: 'not_found', message: expect.stringContaining(id) },
        requestId: expect.any(String),
      });
    }
    const bad = await get<{ error: { code: string } }>(stack.url, '/api/v1/plans/..%2Fetc', viewer);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
  });

  it("names, for a failover's pre-flight, the restore point each VM of a plan would use and its age", async () => {
    const plans = await list<Plan>('/api/v1/plans?limit=500');
    const plan = plans.items.find((p) => p.ref.source === 'em-sim' && p.vms.length > 0)!;
    const points = (before = ''): Promise<{ status: number; body: ItemEnvelope<PlanRestorePoints> }> =>
      get<ItemEnvelope<PlanRestorePoints>>(
        stack.url,
        `/api/v1/plans/${plan.id}/restore-points${before}`,
        viewer,
      );
    const latest = await points();
    expect(latest.status).toBe(200);
    expect(latest.body.item).toMatchObject({ planId: plan.id, before: null, vmsKnown: true });
    expect(latest.body.item.vms.map((v) => v.vmName)).toEqual(plan.vms.map((v) => v.name));
    for (const vm of latest.body.item.vms) {
      // The newest point of that VM, as the restore-point list has it.
      const newest = await list<ReplicaPoint>(
        `/api/v1/replica-points?vm=${encodeURIComponent(vm.vmName)}&sort=pointTime&order=desc&limit=1`,
      );
      expect(vm.pointTime).toBe(newest.items[0]?.pointTime ?? null);
      expect(vm.ageSeconds === null).toBe(vm.pointTime === null);
      if (vm.pointTime) {
        expect(vm.ageSeconds).toBeCloseTo((Date.now() - Date.parse(vm.pointTime)) / 1000, -1);
        expect(vm.source).toBe('em-sim');
      }
    }
    // "The latest before a date" picks an older point, never one at or after the date.
    const withPoint = latest.body.item.vms.find((v) => v.pointTime)!;
    const older = await points(`?before=${withPoint.pointTime}`);
    const again = older.body.item.vms.find((v) => v.vmName === withPoint.vmName)!;
    expect(again.pointTime === null || again.pointTime < withPoint.pointTime!).toBe(true);
    expect(older.body.item.before).toBe(withPoint.pointTime);

    const idle = plans.items.find((p) => p.ref.source === 'vro-sim' && p.vms.length === 0)!;
    const none = await get<ItemEnvelope<PlanRestorePoints>>(
      stack.url,
      `/api/v1/plans/${idle.id}/restore-points`,
      viewer,
    );
    expect(none.body.item).toMatchObject({ vms: [], vmsKnown: false });
    expect((await points('?before=yesterday')).status).toBe(400);
  });

  it("lists the console's replication jobs and opens each by its id", async () => {
    const world = stack.sim!.world;
    const page = await list<ReplicationJob>('/api/v1/replication-jobs?limit=500');
    expect(page.total).toBe(world.jobs.length);
    expect(page.items.every((j) => j.ref.source === 'vspc-sim')).toBe(true);
    expect(new Set(page.items.map((j) => j.name))).toEqual(new Set(world.jobs.map((j) => j.name)));
    expect(page.sources.map((s) => s.id)).toEqual(SOURCES);
    for (const job of page.items) {
      const res = await get<ItemEnvelope<ReplicationJob>>(
        stack.url,
        `/api/v1/replication-jobs/${job.id}`,
        viewer,
      );
      expect(res.status, res.text).toBe(200);
      expect(res.body.item).toEqual(job);
      expect(res.body.sources).toEqual([
        { id: 'vspc-sim', status: 'ok', asOf: expect.any(String), stale: false },
      ]);
    }
    const missing = await get<{ error: { code: string } }>(
      stack.url,
      '/api/v1/replication-jobs/vspc-sim.00000000-0000-0000-0000-000000000000',
      viewer,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('sums up the estate in the overview: RPO grades add up to /vm-rpo, plan states to /plans, and every source is ok', async () => {
    const overview = await get<Overview>(stack.url, '/api/v1/overview', viewer);
    expect(overview.status, overview.text).toBe(200);
    const o = overview.body;
    const vmRpo = await list<VmRpo>('/api/v1/vm-rpo?limit=500');
    const plans = await list<Plan>('/api/v1/plans?limit=500');
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    expect(sum(o.rpo)).toBe(vmRpo.total);
    for (const [grade, n] of Object.entries(o.rpo))
      expect(n, grade).toBe(vmRpo.items.filter((v) => v.status === grade).length);
    expect(sum(o.plans)).toBe(plans.total);
    for (const [state, n] of Object.entries(o.plans))
      expect(n, state).toBe(plans.items.filter((p) => p.state === state).length);
    expect(o.sources).toEqual(
      SOURCES.map((id) => ({ id, status: 'ok', asOf: expect.any(String), stale: false })),
    );
    expect(o.unfinished.sources).toEqual([]);
    expect(o.unfinished.operations).toEqual({ failed: 0, unknown: 0, awaitingApproval: 0 });
    expect(o.reasons.join(' ')).not.toMatch(/unreachable|refusing|stale/);
    // Per tenant: each tenant's grades are its VMs' grades, and together they are the whole.
    expect(o.rpoByTenant.length).toBeGreaterThan(1);
    for (const { tenant, counts } of o.rpoByTenant) {
      const mine = vmRpo.items.filter((v) => v.tenant === tenant);
      for (const [grade, n] of Object.entries(counts))
        expect(n, `${tenant} ${grade}`).toBe(mine.filter((v) => v.status === grade).length);
    }
    expect(o.rpoByTenant.reduce((n, t) => n + sum(t.counts), 0)).toBe(vmRpo.total);
    // Worst tenant first.
    const severity = (c: Record<string, number>) => [c.critical, c.severe, c.exceeded, c.unknown];
    for (let i = 1; i < o.rpoByTenant.length; i++) {
      const [a, b] = [severity(o.rpoByTenant[i - 1]!.counts), severity(o.rpoByTenant[i]!.counts)];
      const first = a.findIndex((x, k) => x !== b[k]);
      if (first >= 0) expect(a[first]!).toBeGreaterThan(b[first]!);
    }
  });
});

describe('many browsers reading at once', () => {
  const POLL_SECONDS = 2;
  const WINDOW_MS = 20_000;
  const BROWSERS = 100;

  it(
    'costs each upstream the same calls per poll as nobody reading, and every source stays fresh',
    async () => {
      const stack = await startStack({ allKinds: true, pollSeconds: POLL_SECONDS });
      try {
        const admin = simAdmin(stack.sim!);
        const sessions = await Promise.all(
          ['viewer', 'operator', 'admin', 'viewer', 'operator'].map((u) => login(stack.url, u)),
        );
        await waitFor(() => allFresh(stack.url, sessions[0]!));
        const snapshot = async () =>
          Object.fromEntries(await Promise.all(APIS.map(async (a) => [a, await admin.calls(a)] as const)));

        /**
         * A measurement window of fixed length, with `work` going on: the calls each upstream
         * received in it, and the polls of each source that started in it (as the BFF reports them).
         */
        const window = async (work: (end: number) => Promise<unknown>) => {
          await admin.resetCalls();
          const start = Date.now();
          const end = start + WINDOW_MS;
          const attempts = new Map(SOURCES.map((id) => [id, new Set<string>()]));
          const sampler = waitFor(async () => {
            const { body } = await get<SourceList>(stack.url, '/api/v1/sources', sessions[0]!);
            for (const s of body.items)
              if (s.lastAttemptAt && Date.parse(s.lastAttemptAt) >= start)
                attempts.get(s.id)!.add(s.lastAttemptAt);
            return Date.now() >= end;
          }, WINDOW_MS + 10_000);
          await Promise.all([work(end), sampler]);
          const calls = await snapshot();
          return { calls, polls: Object.fromEntries([...attempts].map(([id, set]) => [id, set.size])) };
        };

        const quiet = await window((end) =>
          waitFor(() => Promise.resolve(Date.now() >= end), WINDOW_MS + 5_000),
        );

        let reads = 0;
        const failures: string[] = [];
        const loaded = await window((end) =>
          Promise.all(
            Array.from({ length: BROWSERS }, async (_, i) => {
              const s = sessions[i % sessions.length]!;
              for (let round = 0; Date.now() < end; round++) {
                const path = LISTS[(i + round) % LISTS.length]!;
                const res = await get(stack.url, path, s);
                reads++;
                if (res.status !== 200) failures.push(`${path}: ${res.status}`);
              }
            }),
          ),
        );

        expect(failures).toEqual([]);
        // Every browser read every list at least once (and in practice many times).
        expect(reads).toBeGreaterThanOrEqual(BROWSERS * LISTS.length);
        console.info(`${reads} reads in ${WINDOW_MS / 1000} s;`, JSON.stringify({ quiet, loaded }));

        APIS.forEach((api, i) => {
          const source = SOURCES[i]!;
          const { key, perPoll } = PER_POLL[api];
          const quietPolls = quiet.polls[source]!;
          const loadedPolls = loaded.polls[source]!;
          // The BFF polled on its own pace: readers never made it poll more often, and it kept polling.
          expect(quietPolls, `${api} quiet polls`).toBeGreaterThanOrEqual(
            WINDOW_MS / 1000 / POLL_SECONDS / 2,
          );
          expect(loadedPolls, `${api} polls`).toBeLessThanOrEqual(quietPolls + 1);
          expect(loadedPolls, `${api} polls`).toBeGreaterThanOrEqual(
            WINDOW_MS / 1000 / (2 * POLL_SECONDS) - 1,
          );
          // The same calls per poll as when nobody reads: the same endpoints, each within one poll.
          expect(
            Math.abs(quiet.calls[api]![key]! - perPoll * quietPolls),
            `${api} quiet`,
          ).toBeLessThanOrEqual(perPoll);
          expect(Object.keys(loaded.calls[api]!).sort(), api).toEqual(Object.keys(quiet.calls[api]!).sort());
          for (const [k, n] of Object.entries(quiet.calls[api]!)) {
            const callsPerPoll = n / quietPolls;
            const expected = callsPerPoll * loadedPolls;
            expect(Math.abs(loaded.calls[api]![k]! - expected), `${api} ${k}`).toBeLessThanOrEqual(
              Math.ceil(callsPerPoll),
            );
            // Nor, over the same length of time, more calls than one poll's worth above the quiet count.
            expect(loaded.calls[api]![k]!, `${api} ${k}`).toBeLessThanOrEqual(n + Math.ceil(callsPerPoll));
          }
          expect(loaded.calls[api]![LOGON[api]] ?? 0, `${api} logons`).toBe(0);
        });

        const end = await get<SourceList>(stack.url, '/api/v1/sources', sessions[0]!);
        expect(end.body.items.map((x) => [x.id, x.status, x.stale])).toEqual(
          SOURCES.map((id) => [id, 'ok', false]),
        );
      } finally {
        await stack.close();
      }
    },
    WINDOW_MS * 2 + 60_000,
  );

  it('answers 200 identical cold reads right after boot with one poll per source', async () => {
    // Slow upstreams, so the reads arrive before the first poll has finished.
    const stack = await startStack({
      allKinds: true,
      beforeBff: async ([sim]) => {
        for (const api of APIS) await simAdmin(sim!).fault(api, { latencyMs: 400 });
      },
    });
    try {
      const admin = simAdmin(stack.sim!);
      const viewer = await login(stack.url, 'viewer');
      const before = await get<SourceList>(stack.url, '/api/v1/sources', viewer);
      // Cold: no source has answered yet.
      expect(before.body.items.map((s) => s.asOf)).toEqual([null, null, null]);

      const reads = await Promise.all(
        Array.from({ length: 200 }, () =>
          get<ListEnvelope<Plan>>(stack.url, '/api/v1/plans?limit=500', viewer),
        ),
      );
      expect(reads.every((r) => r.status === 200)).toBe(true);
      const totals = new Set(reads.map((r) => r.body.total));
      expect(totals).toEqual(new Set([2 * stack.sim!.world.plans.length]));
      expect(new Set(reads.map((r) => JSON.stringify(r.body.items)))).toHaveProperty('size', 1);

      for (const api of APIS) {
        const calls = await admin.calls(api);
        expect(countOf(calls, LOGON[api]), `${api} logons`).toBe(1);
        expect(calls[PER_POLL[api].key], `${api} polls`).toBe(PER_POLL[api].firstPoll);
      }
      await admin.clearFaults();
    } finally {
      await stack.close();
    }
  });
});
