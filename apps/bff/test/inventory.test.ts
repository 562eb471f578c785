import type {
  FailoverSession,
  ItemEnvelope,
  ListEnvelope,
  ReplicaPoint,
  SourceList,
  VmRpo,
} from '@lifeboat/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, login, startStack, type Session } from './harness.ts';

let stack: Awaited<ReturnType<typeof startStack>>;
let viewer: Session;
beforeAll(async () => {
  stack = await startStack();
  viewer = await login(stack.url, 'viewer');
});
afterAll(() => stack.close());

const list = async <T>(path: string) => {
  const res = await get<ListEnvelope<T>>(stack.url, path, viewer);
  expect(res.status, res.text).toBe(200);
  return res.body;
};

describe('failover sessions from the simulated Enterprise Manager', () => {
  it('lists every session, normalized, with the native state beside it and provenance', async () => {
    const world = stack.sim!.world;
    const page = await list<FailoverSession>('/api/v1/failover-sessions?limit=500');
    expect(page.total).toBe(world.sessions.length);
    expect(page.sources).toEqual([{ id: 'em-sim', status: 'ok', asOf: expect.any(String), stale: false }]);
    const native: Record<string, string> = {
      Starting: 'starting',
      Working: 'running',
      Stopping: 'stopping',
      Stopped: 'stopped',
    };
    for (const s of page.items) {
      expect(s.state).toBe(native[s.nativeState]);
      expect(s.ref).toMatchObject({
        source: 'em-sim',
        kind: 'CloudFailoverSession',
        nativeId: s.id.replace('em-sim.', ''),
      });
      expect(world.sessionByUid(s.ref.nativeId)).toBeDefined();
    }
    // The simulator seeds sessions in every state and result; all of them come through.
    expect(new Set(page.items.map((s) => s.state))).toEqual(
      new Set(['starting', 'running', 'stopping', 'stopped']),
    );
    expect(new Set(page.items.map((s) => s.result))).toEqual(
      new Set(['none', 'success', 'warning', 'failed']),
    );
    expect(page.items.every((s) => s.tenant !== null)).toBe(true);
  });

  it('filters, searches, sorts and pages on the server', async () => {
    const all = await list<FailoverSession>('/api/v1/failover-sessions?limit=500');
    const failed = await list<FailoverSession>('/api/v1/failover-sessions?result=failed&limit=500');
    expect(failed.total).toBe(all.items.filter((s) => s.result === 'failed').length);
    expect(failed.items.every((s) => s.result === 'failed' && s.failureMessage)).toBe(true);

    const plan = all.items[0]!.planName;
    const found = await list<FailoverSession>(
      `/api/v1/failover-sessions?q=${encodeURIComponent(plan.toUpperCase())}&limit=500`,
    );
    expect(found.items.map((s) => s.id)).toContain(all.items[0]!.id);
    expect(found.items.every((s) => JSON.stringify(s).toLowerCase().includes(plan.toLowerCase()))).toBe(true);

    const byName = await list<FailoverSession>('/api/v1/failover-sessions?sort=planName&order=asc&limit=500');
    const names = byName.items.map((s) => s.planName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const first = await list<FailoverSession>('/api/v1/failover-sessions?limit=3');
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list<FailoverSession>(
      `/api/v1/failover-sessions?limit=3&cursor=${first.nextCursor}`,
    );
    expect(second.items.map((s) => s.id)).toEqual(all.items.slice(3, 6).map((s) => s.id));
  });

  it('answers 400 with the reason for a bad query, never 500', async () => {
    for (const q of [
      'state=sleeping',
      'limit=0',
      'limit=100001',
      `tenant=${'t'.repeat(201)}`,
      'sort=password',
      'cursor=garbage',
      'unknown=1',
      'state=a&state=b',
    ]) {
      const res = await get<{ error: { code: string; message: string } }>(
        stack.url,
        `/api/v1/failover-sessions?${q}`,
        viewer,
      );
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
  });

  it('opens one session with its per-VM tasks, and says 404 for one that does not exist', async () => {
    const all = await list<FailoverSession>('/api/v1/failover-sessions?state=stopped&limit=1');
    const id = all.items[0]!.id;
    const res = await get<ItemEnvelope<FailoverSession>>(
      stack.url,
      `/api/v1/failover-sessions/${id}`,
      viewer,
    );
    expect(res.status).toBe(200);
    expect(res.body.item).toEqual(all.items[0]);
    expect(res.body.item.vms.length).toBeGreaterThan(0);
    for (const [id, status] of [
      ['em-sim.00000000-0000-0000-0000-000000000000', 404],
      ['nope.1', 404],
      ['..%2F..%2Fx', 400],
      ['em-sim.a%2FRun', 400],
    ] as const) {
      const r = await get(stack.url, `/api/v1/failover-sessions/${id}`, viewer);
      expect(r.status, id).toBe(status);
    }
  });
});

describe('a running session watched by many browsers', () => {
  it('is re-read from the upstream once for all of them', async () => {
    const running = await list<FailoverSession>('/api/v1/failover-sessions?state=running&limit=1');
    const id = running.items[0]!.id;
    const admin = stack.sim!.admin.url;
    await fetch(`${admin}/admin/calls`, { method: 'DELETE' });
    const views = await Promise.all(
      Array.from({ length: 20 }, () =>
        get<ItemEnvelope<FailoverSession>>(stack.url, `/api/v1/failover-sessions/${id}`, viewer),
      ),
    );
    expect(views.every((v) => v.status === 200 && v.body.item.id === id)).toBe(true);
    const calls = (await (await fetch(`${admin}/admin/calls`)).json()) as {
      enterpriseManager: Record<string, number>;
    };
    expect(calls.enterpriseManager['GET /api/cloud/failoverSessions/{id}']).toBe(1);
  });
});

describe('replica points and RPO', () => {
  it('lists every restore point the simulator holds, newest first', async () => {
    const world = stack.sim!.world;
    const page = await list<ReplicaPoint>('/api/v1/replica-points?limit=500');
    expect(page.total).toBe(world.points.count(world.clock.now()));
    const times = page.items.map((p) => p.pointTime);
    expect(times).toEqual([...times].sort().reverse());
    expect(page.items[0]).toMatchObject({
      ref: { source: 'em-sim', kind: 'CloudVmReplicaPoint' },
      vmName: expect.any(String),
    });
  });

  it('grades every VM, including one with no restore point at all', async () => {
    const world = stack.sim!.world;
    const page = await list<VmRpo>('/api/v1/vm-rpo?limit=500');
    expect(page.total).toBe(world.vms.length);
    expect(new Set(page.items.map((v) => v.status))).toEqual(
      new Set(['compliant', 'exceeded', 'severe', 'critical', 'unknown']),
    );
    // Worst first by default.
    expect(page.items[0]!.status).toBe('critical');
    const unknown = page.items.find((v) => v.status === 'unknown')!;
    expect(unknown).toMatchObject({ latestPointAt: null, pointCount: 0, ageSeconds: null });
    const severe = await list<VmRpo>('/api/v1/vm-rpo?status=severe&limit=500');
    for (const v of severe.items) {
      expect(v.ageSeconds! / 60 / v.targetMinutes).toBeGreaterThan(2);
      expect(v.ageSeconds! / 60 / v.targetMinutes).toBeLessThanOrEqual(4);
    }
  });

  it('filters every tenant-owned list by tenant, in any case, and serves a page of up to 100,000', async () => {
    const all = await list<ReplicaPoint>('/api/v1/replica-points?limit=100000');
    expect(all.items).toHaveLength(all.total);
    const tenant = all.items.find((p) => p.tenant)!.tenant!;
    for (const path of ['replica-points', 'vm-rpo', 'failover-sessions', 'plans']) {
      const whole = await list<{ tenant: string | null }>(`/api/v1/${path}?limit=100000`);
      const mine = await list<{ tenant: string | null }>(
        `/api/v1/${path}?tenant=${encodeURIComponent(tenant.toUpperCase())}&limit=100000`,
      );
      expect(mine.total, path).toBe(whole.items.filter((x) => x.tenant === tenant).length);
      expect(mine.items.every((x) => x.tenant === tenant)).toBe(true);
    }
    expect((await list('/api/v1/replica-points?tenant=nobody-has-this')).total).toBe(0);
  });

  it("downloads the RPO of every matching VM as CSV, not one page, in the list's order", async () => {
    const critical = await list<VmRpo>('/api/v1/vm-rpo?status=critical&sort=vmName&order=asc&limit=500');
    const res = await fetch(
      `${stack.url}/api/v1/vm-rpo?status=critical&sort=vmName&order=asc&limit=1&format=csv`,
      {
        headers: { Cookie: viewer.cookie },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="lifeboat-rpo-\d{8}T\d{6}Z\.csv"$/,
    );
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'vmName,tenant,status,ageSeconds,targetMinutes,latestPointAt,pointCount,replicaName,backupServer,source',
    );
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(critical.items.map((v) => v.vmName));
    expect(lines.slice(1).every((l) => l.split(',')[2] === 'critical')).toBe(true);
  });

  it('answers a list as one JSON body of the length it declares, the second time as the first', async () => {
    const path = '/api/v1/vm-rpo?sort=vmName&order=asc&limit=5';
    const headers = { Cookie: viewer.cookie };
    for (let i = 0; i < 2; i++) {
      // Twice: the second answer reuses the page's encoded items.
      const res = await fetch(`${stack.url}${path}`, { headers });
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
      const page = JSON.parse(bytes.toString('utf8')) as ListEnvelope<VmRpo>;
      expect(page.items).toHaveLength(5);
      expect(Object.keys(page).sort()).toEqual(['asOf', 'items', 'nextCursor', 'sources', 'total']);
      expect(page.sources[0]!.id).toBe('em-sim');
    }
  });

  it('never shows the simulator password in any response', async () => {
    const password = stack.sim!.enterpriseManager.password;
    for (const path of [
      '/api/v1/sources',
      '/api/v1/failover-sessions?limit=500',
      '/api/v1/replica-points?limit=500',
      '/api/v1/vm-rpo',
      '/api/v1/auth/me',
    ]) {
      const res = await get(stack.url, path, viewer);
      expect(res.text).not.toContain(password);
    }
    const sources = await get<SourceList>(stack.url, '/api/v1/sources', viewer);
    expect(sources.body.items[0]).toMatchObject({
      id: 'em-sim',
      kind: 'enterprise-manager',
      status: 'ok',
      lastError: null,
    });
  });
});
