import { startSimulator, type FaultRequest } from '@lifeboat/veeam-sim';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connector } from '../connector.ts';
import { UpstreamError } from '../http/upstream-error.ts';
import { createEnterpriseManagerConnector } from './connector.ts';

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
let connector: Connector;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, speed: 0 });
});
afterAll(async () => {
  await connector?.close();
  await sim.close();
});
beforeEach(async () => {
  await connector?.close();
  await fetch(`${sim.admin.url}/admin/faults`, { method: 'DELETE' });
  await fetch(`${sim.admin.url}/admin/calls`, { method: 'DELETE' });
  connector = connect();
});

function connect(overrides: { timeoutSeconds?: number; password?: string; maxResponseBytes?: number } = {}) {
  return createEnterpriseManagerConnector({
    id: 'em-test',
    kind: 'enterprise-manager',
    name: 'EM',
    url: sim.enterpriseManager.url,
    username: sim.enterpriseManager.username,
    password: overrides.password ?? sim.enterpriseManager.password,
    timeoutSeconds: overrides.timeoutSeconds ?? 5,
    maxResponseBytes: overrides.maxResponseBytes ?? 8 * 1024 * 1024,
  });
}

async function fault(f: Omit<FaultRequest, 'api'>) {
  const res = await fetch(`${sim.admin.url}/admin/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ api: 'enterpriseManager', ...f }),
  });
  expect(res.status).toBeLessThan(300);
}

async function calls(prefix: string): Promise<number> {
  const all = (await (await fetch(`${sim.admin.url}/admin/calls`)).json()) as {
    enterpriseManager: Record<string, number>;
  };
  return Object.entries(all.enterpriseManager)
    .filter(([k]) => k.startsWith(prefix))
    .reduce((n, [, v]) => n + v, 0);
}

async function failure(p: Promise<unknown>): Promise<UpstreamError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UpstreamError);
  return err as UpstreamError;
}

describe('the Enterprise Manager connector against the simulator', () => {
  it('reads every session, point and protected VM in one poll, with one logon', async () => {
    const snap = await connector.fetchInventory();
    expect(snap.failoverSessions).toHaveLength(sim.world.sessions.length);
    expect(snap.replicaPoints).toHaveLength(sim.world.points.count(sim.world.clock.now()));
    expect(snap.protectedVms?.length).toBeGreaterThan(0);
    expect(snap.unreadable).toEqual({ count: 0, firstError: null });
    await connector.fetchInventory();
    expect(await calls('POST /api/sessionMngr')).toBe(1);
  });

  it('logs on again exactly once when the session expires, however many reads are waiting', async () => {
    await connector.fetchInventory();
    await fault({ expireSessions: true });
    const results = await Promise.all(Array.from({ length: 10 }, () => connector.fetchInventory()));
    expect(results.every((r) => (r.failoverSessions?.length ?? 0) > 0)).toBe(true);
    expect(await calls('POST /api/sessionMngr')).toBe(2);
  });

  it('says auth_failed for a wrong password, and does not retry the logon in a loop', async () => {
    const bad = connect({ password: 'wrong' });
    const err = await failure(bad.fetchInventory());
    expect(err.code).toBe('auth_failed');
    expect(await calls('POST /api/sessionMngr')).toBe(1);
    await bad.close();
  });

  it('tells a refused connection, a reset, a timeout, an HTML page and a broken body apart', async () => {
    await fault({ resetMidBody: true, path: '/api/query', count: 1 });
    expect((await failure(connector.fetchInventory())).code).toBe('request_failed');

    await fault({ htmlErrorPage: 502, path: '/api/query', count: 1 });
    expect((await failure(connector.fetchInventory())).message).toMatch(/502/);

    await fault({ htmlErrorPage: true, path: '/api/query', count: 1 });
    expect((await failure(connector.fetchInventory())).code).toBe('malformed_response');

    await fault({ malformedBody: true, path: '/api/query', count: 1 });
    expect((await failure(connector.fetchInventory())).code).toBe('malformed_response');

    const quick = connect({ timeoutSeconds: 1 });
    await fault({ hang: true, path: '/api/query', count: 1 });
    const started = Date.now();
    expect((await failure(quick.fetchInventory())).code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3_000);
    await quick.close();

    await fault({ down: true });
    const refused = await failure(connect().fetchInventory());
    expect([refused.code, refused.message]).toEqual(['request_failed', 'connection refused']);
  });

  it('refuses a response over the size cap instead of parsing it', async () => {
    const small = connect({ maxResponseBytes: 10_000 });
    const err = await failure(small.fetchInventory());
    expect(err.code).toBe('too_large');
    await small.close();
  });

  it('fetches one session fresh by id, and refuses an id that is not a Veeam id before sending anything', async () => {
    const uid = sim.world.sessions[0]!.uid;
    const s = await connector.getFailoverSession!(uid);
    expect(s.ref.nativeId).toBe(uid);
    const before = await calls('GET');
    for (const id of ['../../x', 'a%2Fb', `${uid}/Run`, '']) {
      expect((await failure(connector.getFailoverSession!(id))).code).toBe('invalid_id');
    }
    expect(await calls('GET')).toBe(before);
  });
});
