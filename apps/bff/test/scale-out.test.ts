// Two Lifeboat instances on one PostgreSQL (bff-postgres project only), as behind a load balancer:
// the built server as two child processes on one config file, the simulator in this process, its
// Orchestrator behind a counting proxy (test/processes.ts). Each source is polled by one instance,
// and the other follows the points it reads and drops, by change; a browser on one instance
// watches an operation sent by the other; twenty requests over both
// start one run; an instance killed while polling or while sending is taken over by the other,
// which reconciles what it was sending without sending it again (decision 017).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent, ListEnvelope, Operation, Plan, ReplicaPoint } from '@lifeboat/shared';
import { startSimulator } from '@lifeboat/veeam-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEvents } from './event-stream.ts';
import {
  countOf,
  get,
  login,
  PASSWORD,
  requestFailover,
  simAdmin,
  USERS,
  waitFor,
  type Session,
  type Sim,
} from './harness.ts';
import { newPostgresDatabase, postgresUrl } from './postgres.ts';
import { SERVER, startBff, startProxy, stopBff, type Bff, type Proxy } from './processes.ts';

const server = postgresUrl();
if (!server) throw new Error('run in the bff-postgres project (vitest.postgres.config.ts)');
const API = '/api/v1';
const ACTION = 'POST /api/v3/Plans/{id}/Failover';
const POLL_SECONDS = 2;

let sim: Sim;
let proxy: Proxy;
let database: Awaited<ReturnType<typeof newPostgresDatabase>>;
let workDir: string;
let configPath: string;
let env: Record<string, string>;
/** The running instances; a killed one is replaced by a new one. */
const bffs: Bff[] = [];
let operator: Session;
let admin: Session;
let ready: Plan[];

const ask = (bff: Bff, path: string, s = operator) => get(bff.url, `${API}${path}`, s);

async function operation(bff: Bff, id: string): Promise<Operation> {
  return ((await ask(bff, `/operations/${id}`)).body as { item: Operation }).item;
}

/** Asks `bff` for a failover of `plan`: the HTTP status and the answer. */
const askFailover = (bff: Bff, plan: Plan) => requestFailover(bff.url, operator, plan, 'INC-SCALE');

/** Whether `bff` polls `source` now, from its metrics. */
async function polls(bff: Bff, source: string): Promise<boolean> {
  const text = await (await fetch(`${bff.url}/metrics`)).text();
  return text.includes(`lifeboat_source_polling{source="${source}"} 1`);
}

const postKey = (p: Plan) => `POST /api/v3/Plans/${p.ref.nativeId}/Failover`;
const runs = async () => countOf(await simAdmin(sim).calls('orchestrator'), ACTION);

beforeAll(async () => {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is not built: npm test builds it`);
  sim = await startSimulator({ seed: 42, speed: 0 });
  proxy = await startProxy(sim.orchestrator.url);
  database = await newPostgresDatabase(server);
  workDir = mkdtempSync(join(tmpdir(), 'lifeboat-scale-out-'));
  configPath = join(workDir, 'config.json');
  const source = (id: string, kind: string, url: string, passwordEnv: string, username: string) => ({
    id,
    kind,
    url,
    username,
    passwordEnv,
    pollSeconds: POLL_SECONDS,
    timeoutSeconds: 20,
  });
  writeFileSync(
    configPath,
    JSON.stringify({
      listen: { host: '127.0.0.1', port: 0 },
      database: { url: database.url },
      sources: [
        {
          ...source(
            'em-sim',
            'enterprise-manager',
            sim.enterpriseManager.url,
            'SO_EM',
            sim.enterpriseManager.username,
          ),
          // A full read (which drops what the upstream deleted) every 4 s, so one is seen within a test.
          reconcileSeconds: 4,
        },
        source('vro-sim', 'orchestrator', proxy.url, 'SO_VRO', sim.orchestrator.username),
      ],
      users: USERS.map((u) => ({ username: u.username, passwordEnv: 'SO_USERS', roles: u.roles })),
      policy: { requireApproval: false },
      rpo: { defaultTargetMinutes: 60 },
    }),
  );
  env = {
    SO_EM: sim.enterpriseManager.password,
    SO_VRO: sim.orchestrator.password,
    SO_USERS: PASSWORD,
  };
  bffs.push(...(await Promise.all([startBff(configPath, env), startBff(configPath, env)])));
  // One sign-in serves on both: sessions live in the database.
  [operator, admin] = await Promise.all([login(bffs[0]!.url, 'operator'), login(bffs[0]!.url, 'admin')]);
  ready = await waitFor(async () => {
    const { body } = await ask(bffs[1]!, '/plans?source=vro-sim&limit=500');
    const r = (body as ListEnvelope<Plan>).items.filter((p) =>
      p.allowedActions.some((a) => a.action === 'failover' && a.allowed),
    );
    return r.length >= 3 ? r : null;
  });
}, 120_000);

afterAll(async () => {
  await Promise.all(bffs.map((b) => stopBff(b, 'SIGTERM')));
  await proxy?.close();
  await sim?.close();
  await database?.drop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('two instances on one PostgreSQL', () => {
  it('polls each source from one instance and serves the same data from both', async () => {
    for (const source of ['em-sim', 'vro-sim']) {
      await waitFor(async () => {
        const polling = await Promise.all(bffs.map((b) => polls(b, source)));
        return polling.filter(Boolean).length === 1;
      });
    }
    const fresh = async (bff: Bff) =>
      ((await ask(bff, '/sources')).body as { items: { status: string; stale: boolean }[] }).items.every(
        (s) => s.status === 'ok' && !s.stale,
      );
    await waitFor(async () => (await fresh(bffs[0]!)) && (await fresh(bffs[1]!)));
    const names = async (bff: Bff) =>
      ((await ask(bff, '/plans?source=vro-sim&limit=500')).body as ListEnvelope<Plan>).items.map((p) => p.id);
    expect(await names(bffs[1]!)).toEqual(await names(bffs[0]!));
  });

  it('shows on the instance that does not poll a source the points the polling one read since, and drops those deleted upstream', async () => {
    const served = async (bff: Bff) =>
      (
        (await ask(bff, '/replica-points?source=em-sim&limit=100000')).body as ListEnvelope<ReplicaPoint>
      ).items
        .map((p) => p.ref.nativeId)
        .sort();
    const upstream = () =>
      [...sim.world.points.all(sim.world.clock.now())].map((p) => p.uid.toLowerCase()).sort();
    const before = upstream();
    // Half a day on: new points are created, and retention deletes old ones.
    await simAdmin(sim).advanceClock(12 * 3_600_000);
    const now = upstream();
    expect(now.some((id) => !before.includes(id)) && before.some((id) => !now.includes(id))).toBe(true);
    await waitFor(async () => {
      const [a, b] = await Promise.all(bffs.map(served));
      return JSON.stringify(a) === JSON.stringify(now) && JSON.stringify(b) === JSON.stringify(now);
    }, 30_000);
  });

  it('refuses on instance B, at once, a session signed out on instance A', async () => {
    const [a, b] = bffs as [Bff, Bff];
    const viewer = await login(a.url, 'viewer');
    // Both hold it in their session caches.
    for (const bff of [a, b]) expect((await get(bff.url, '/api/v1/auth/me', viewer)).status).toBe(200);
    const out = await fetch(`${a.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Cookie: viewer.cookie,
        'X-CSRF-Token': viewer.csrfToken,
        Origin: a.url,
      },
      body: '{}',
    });
    expect(out.status).toBe(204);
    // Told at the commit: within moments, not at the session's idle or absolute end.
    await waitFor(async () => (await get(b.url, '/api/v1/auth/me', viewer)).status === 401, 2_000);
  });

  it('shows a browser on instance B the live progress of an operation sent through instance A', async () => {
    const [a, b] = bffs as [Bff, Bff];
    const stream = await openEvents(b.url, { Cookie: operator.cookie });
    try {
      const plan = ready[0]!;
      const asked = await askFailover(a, plan);
      expect(asked.status).toBe(202);
      const id = asked.body.id;
      const ofIt = (e: { event: string; data: unknown }) =>
        e.event === 'operation' && (e.data as { operation: Operation }).operation.id === id;
      const states = () =>
        stream.events.filter(ofIt).map((e) => (e.data as { operation: Operation }).operation.state);
      await stream.next((e) => ofIt(e) && states().includes('running'), 30_000);
      // The simulated Orchestrator's clock stands still (speed 0): move it past the run's end.
      await simAdmin(sim).advanceClock(3_600_000);
      await stream.next((e) => ofIt(e) && ['succeeded', 'failed'].includes(states().at(-1)!), 30_000);
      // Every step, in order, whichever instance took it.
      expect(states()).toEqual(expect.arrayContaining(['dispatching', 'dispatched', 'running']));
      expect(states().indexOf('dispatching')).toBeLessThan(states().indexOf('dispatched'));
      expect(states().indexOf('dispatched')).toBeLessThan(states().indexOf('running'));
      expect(proxy.count(postKey(plan))).toBe(1);
    } finally {
      await stream.close();
    }
  }, 60_000);

  it('starts exactly one run for twenty simultaneous failover requests spread over both instances', async () => {
    const plan = ready[1]!;
    const before = await runs();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => askFailover(bffs[i % 2]!, plan)));
    const accepted = answers.filter((r) => r.status === 202);
    expect(accepted).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(19);
    const id = accepted[0]!.body.id;
    await waitFor(async () => !['approved', 'dispatching'].includes((await operation(bffs[0]!, id)).state));
    expect(proxy.count(postKey(plan))).toBe(1);
    expect((await runs()) - before).toBe(1);
  }, 60_000);

  it('takes a source over within one poll interval when the instance polling it is killed', async () => {
    const leader = await waitFor(async () => {
      for (const bff of bffs) if (await polls(bff, 'em-sim')) return bff;
      return null;
    });
    const other = bffs.find((b) => b !== leader)!;
    const killedAt = Date.now();
    await stopBff(leader, 'SIGKILL');
    await waitFor(() => polls(other, 'em-sim'), 10_000);
    const tookMs = Date.now() - killedAt;
    // The metric is read every few tens of ms: the slack is for reading it, not for polling.
    expect(tookMs).toBeLessThan(POLL_SECONDS * 1000 + 500);
    // And it polls: the source stays fresh on the survivor.
    const { body } = await ask(other, '/sources');
    expect(
      (body as { items: { id: string; stale: boolean }[] }).items.find((s) => s.id === 'em-sim')?.stale,
    ).toBe(false);
    bffs.splice(bffs.indexOf(leader), 1, await startBff(configPath, env));
  }, 60_000);

  it('reconciles, on the other instance, a failover whose sender was killed mid-dispatch, and never sends it again', async () => {
    const [sender, survivor] = bffs as [Bff, Bff];
    const plan = ready[2]!;
    // The Orchestrator accepts the POST; the sender dies before the answer reaches it.
    proxy.onAnswered = async (key) => {
      if (key === postKey(plan)) await stopBff(sender, 'SIGKILL');
    };
    const asked = await askFailover(sender, plan);
    expect(asked.status).toBe(202);
    expect((await sender.exited).signal).toBe('SIGKILL');
    proxy.onAnswered = null;
    const id = asked.body.id;
    const settled = await waitFor(async () => {
      const op = await operation(survivor, id);
      return ['running', 'succeeded', 'failed'].includes(op.state) ? op : null;
    }, 30_000);
    expect(settled.message).not.toMatch(/Nothing was sent again/);
    const { body } = await get<ListEnvelope<AuditEvent>>(
      survivor.url,
      `${API}/audit?order=asc&limit=500&q=${id}`,
      admin,
    );
    const reconciled = body.items.filter((e) => e.action === 'operation.reconcile');
    expect(reconciled[0]).toMatchObject({
      actor: 'lifeboat',
      params: { from: 'dispatching', to: 'unknown' },
    });
    expect(reconciled.filter((e) => (e.params as { from: string }).from === 'dispatching')).toHaveLength(1);
    expect(proxy.count(postKey(plan))).toBe(1);
    bffs.splice(0, 1, await startBff(configPath, env));
  }, 90_000);
});
