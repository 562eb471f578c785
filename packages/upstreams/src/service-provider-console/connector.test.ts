import { startSimulator } from '@lifeboat/veeam-sim';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceSettings } from '../connector.ts';
import { countCalls, injectFault, resetSimulator, type Fault, type Sim } from '../testing/simulator.ts';
import { failure } from '../testing/upstream-failure.ts';
import { createServiceProviderConsoleConnector, type ServiceProviderConsoleConnector } from './connector.ts';

let sim: Sim;
let connector: ServiceProviderConsoleConnector;
const opened: ServiceProviderConsoleConnector[] = [];

const JOBS = '/api/v3/infrastructure/backupServers/jobs/replicationVmJobs';
/** As many concurrent reads as the transport's bulkhead admits (4 running + 8 queued); more are shed. */
const READERS = 12;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, speed: 0 });
});
afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  await sim.close();
});
beforeEach(async () => {
  await resetSimulator(sim);
  connector = connect();
});

function connect(
  overrides: Partial<SourceSettings> & { to?: Sim; pageSize?: number } = {},
): ServiceProviderConsoleConnector {
  const { to = sim, pageSize = 500, ...settings } = overrides;
  const c = createServiceProviderConsoleConnector(
    {
      id: 'vspc-test',
      kind: 'service-provider-console',
      name: 'VSPC',
      url: to.serviceProviderConsole.url,
      username: to.serviceProviderConsole.username,
      password: to.serviceProviderConsole.password,
      timeoutSeconds: 5,
      maxResponseBytes: 8 * 1024 * 1024,
      ...settings,
    },
    { pageSize },
  );
  opened.push(c);
  return c;
}

const fault = (f: Fault, on: Sim = sim) => injectFault(on, 'serviceProviderConsole', f);
const calls = (prefix: string, on: Sim = sim) => countCalls(on, 'serviceProviderConsole', prefix);
const tokenCalls = (on?: Sim) => calls('POST /api/v3/token', on);
const listCalls = (on?: Sim) =>
  calls(`GET ${JOBS}`, on).then(async (n) => n - (await calls(`GET ${JOBS}/`, on)));

describe('the Service Provider Console connector against the simulator', () => {
  it('reads every page of jobs, each with its embedded job, with one token', async () => {
    const jobs = sim.world.jobs;
    expect(jobs.length).toBeGreaterThan(2);
    const small = connect({ pageSize: 2 });
    const snap = await small.fetchInventory();
    expect(snap.unreadable).toEqual({ count: 0, firstError: null });
    expect(snap.replicationJobs?.map((j) => j.ref.nativeId).sort()).toEqual(
      jobs.map((j) => j.uid.toLowerCase()).sort(),
    );
    expect(await listCalls()).toBe(Math.ceil(jobs.length / 2));
    expect(await tokenCalls()).toBe(1);
    // expand=BackupServerJob was sent: name and outcome come from the embedded job.
    for (const job of snap.replicationJobs ?? []) {
      const world = jobs.find((j) => j.uid.toLowerCase() === job.ref.nativeId);
      expect(job.name).toBe(world?.name);
      expect(job.status).not.toBe('unknown');
      expect(job.tenant).not.toBeNull();
      expect(job.id).toBe(`vspc-test.${job.ref.nativeId}`);
    }
  });

  it("reads the console's +02:00 times as UTC instants (never two hours in the future)", async () => {
    const snap = await connector.fetchInventory();
    const now = sim.world.clock.now();
    for (const job of snap.replicationJobs ?? []) {
      expect(job.lastRunAt).toMatch(/Z$/);
      expect(Date.parse(job.lastRunAt!)).toBeLessThanOrEqual(now);
      expect(Date.parse(job.lastEndAt!)).toBeLessThanOrEqual(now);
      expect(Date.parse(job.lastRunAt!)).toBeGreaterThan(now - 7 * 86_400_000);
    }
  });

  it('waits out a 429 that asks for a short wait, once, then reads fresh data', async () => {
    await fault({ status: 429, retryAfterSeconds: 1, count: 1, path: JOBS });
    const started = Date.now();
    const snap = await connector.fetchInventory();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(snap.replicationJobs).toHaveLength(sim.world.jobs.length);
    expect(await listCalls()).toBe(2);
  });

  it('gives up at once on a 429 that asks for a long wait, saying how long', async () => {
    await fault({ status: 429, retryAfterSeconds: 25, count: 1, path: JOBS });
    const started = Date.now();
    const err = await failure(connector.fetchInventory());
    expect([err.code, err.status, err.message]).toEqual([
      'http_status',
      429,
      'rate limited by the Service Provider Console; retry after 25 s',
    ]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await listCalls()).toBe(1);
  });

  it('stops waiting out a 429 when the caller gives up', async () => {
    await fault({ status: 429, retryAfterSeconds: 5, count: 1, path: JOBS });
    const err = await failure(connector.fetchInventory(AbortSignal.timeout(300)));
    expect(err.code).toBe('cancelled');
    expect(await listCalls()).toBe(1);
  });

  it("reports a server error (sent as 520) with the console's own message", async () => {
    await fault({ status: 500, count: 1, path: JOBS });
    const err = await failure(connector.fetchInventory());
    expect([err.code, err.status]).toEqual(['http_status', 520]);
    expect(err.message).toBe('Service Provider Console server error: Injected fault: status 500');
  });

  it('logs on again once for all concurrent reads when every token is voided', async () => {
    await connector.fetchInventory();
    await fault({ expireSessions: true });
    const results = await Promise.all(Array.from({ length: READERS }, () => connector.fetchInventory()));
    expect(results.every((r) => r.replicationJobs?.length === sim.world.jobs.length)).toBe(true);
    // expireSessions voids the refresh token too: one refused refresh, then one password logon.
    expect(await tokenCalls()).toBe(1 + 2);
  });

  it('says auth_failed for a wrong password, and does not log on again within the backoff', async () => {
    const bad = connect({ password: 'wrong', timing: { logonBackoffMs: 400 } });
    expect((await failure(bad.fetchInventory())).code).toBe('auth_failed');
    const again = await failure(bad.fetchInventory());
    expect(again.code).toBe('auth_failed');
    expect(again.message).toMatch(/next logon attempt in 1 s/);
    expect(await tokenCalls()).toBe(1);
    await new Promise((r) => setTimeout(r, 450));
    expect((await failure(bad.fetchInventory())).code).toBe('auth_failed');
    expect(await tokenCalls()).toBe(2);
    expect(await listCalls()).toBe(0);
  });

  it('fetches one job fresh by id; a 404 is not_found; a non-GUID id is refused before any request', async () => {
    const uid = sim.world.jobs[0]!.uid;
    const job = await connector.getReplicationJob(uid.toUpperCase());
    expect(job.ref.nativeId).toBe(uid.toLowerCase());
    expect(job.protectedVmCount).toBeGreaterThan(0);
    expect((await failure(connector.getReplicationJob('0b3c3a1e-0000-4000-8000-000000000000'))).code).toBe(
      'not_found',
    );
    const before = await calls('GET');
    for (const id of ['../../x', 'a%2Fb', `${uid}/start`, `${uid}?expand=x`, '']) {
      expect((await failure(connector.getReplicationJob(id))).code).toBe('invalid_id');
    }
    expect(await calls('GET')).toBe(before);
  });

  it('tells an HTML proxy page, a broken body and a redirect apart, and never follows the redirect', async () => {
    // Every call: the transport retries a 502 on its own before giving up.
    await fault({ htmlErrorPage: 502, path: JOBS });
    expect((await failure(connector.fetchInventory())).message).toBe('Service Provider Console answered 502');
    await fetch(`${sim.admin.url}/admin/faults`, { method: 'DELETE' });
    await fault({ htmlErrorPage: true, path: JOBS, count: 1 });
    expect((await failure(connector.fetchInventory())).code).toBe('malformed_response');
    await fault({ malformedBody: true, path: JOBS, count: 1 });
    expect((await failure(connector.fetchInventory())).code).toBe('malformed_response');
    await fault({ redirectTo: 'http://127.0.0.1:9/x', path: JOBS, count: 1 });
    expect((await failure(connector.fetchInventory())).code).toBe('redirected');
  });
});

describe('token renewal with the refresh token', () => {
  // Tokens that live 15 s are always inside the 30 s renew-ahead window: every read renews first.
  let shortLived: Sim;
  beforeAll(async () => {
    shortLived = await startSimulator({ seed: 7, speed: 0, vspcAccessMinutes: 0.25 });
  });
  afterAll(async () => {
    await shortLived.close();
  });

  it('renews with the rotated refresh token each time, never a full logon, one renewal for all readers', async () => {
    const c = connect({ to: shortLived });
    await c.fetchInventory(); // password logon
    await c.fetchInventory(); // refresh 1
    await c.fetchInventory(); // refresh 2: only works with the pair refresh 1 returned
    // A refused refresh would add a logon per read (5 calls); a reused refresh token is refused.
    expect(await tokenCalls(shortLived)).toBe(3);
    const results = await Promise.all(Array.from({ length: READERS }, () => c.fetchInventory()));
    expect(results.every((r) => (r.replicationJobs?.length ?? 0) > 0)).toBe(true);
    expect(await tokenCalls(shortLived)).toBe(4);
  });
});
