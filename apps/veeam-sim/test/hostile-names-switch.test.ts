// Hostile names switched at run time through the admin API: every API shows them from the next
// request on (names are read through the world then, never cached at start), and shows the original
// names again once they are switched off. Ids and structure stay the same throughout.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../src/index.ts';
import { HOSTILE_FAILURE_MESSAGE, HOSTILE_NAMES } from '../src/world/names.ts';
import type { World } from '../src/world/world.ts';
import { logon } from './helpers/em-client.ts';
import { inXml, namesOf, strings, xmlParser } from './helpers/hostile-text.ts';

const EPOCH = new Date('2026-01-15T12:00:00Z');

/** The names the Orchestrator shows: plans, their site scopes (tenants) and their VMs. */
function orchestratorNames(world: World): string[] {
  return world.plans.flatMap((plan) => [
    plan.name,
    world.tenants[plan.tenant]?.name ?? '',
    ...plan.vms.map((planVm) => world.vms[planVm.vm]?.name ?? ''),
  ]);
}

async function token(url: string, path: string, user: { username: string; password: string }) {
  const form = new URLSearchParams({ grant_type: 'password', ...user });
  const response = await fetch(`${url}${path}`, { method: 'POST', body: form });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function getJson(url: string, bearer: string): Promise<unknown> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${bearer}` } });
  expect(response.status).toBe(200);
  return await response.json();
}

/** What each API shows: every string of its documents that carry names, as parsed. */
async function shownStrings(sim: RunningSimulator, sessionUid: string, replicaUid: string) {
  const em = new Set<string>();
  const headers = { 'X-RestSvcSessionId': await logon(sim) };
  for (const path of [
    '/api/cloud/cloudFailoverPlans?format=Entity',
    '/api/cloud/replicas?format=Entity',
    `/api/cloud/failoverSessions/${sessionUid}?format=Entity`,
    `/api/cloud/replicas/${replicaUid}/vmReplicaPoints?format=Entity`,
  ]) {
    const response = await fetch(`${sim.enterpriseManager.url}${path}`, { headers });
    expect(response.status, path).toBe(200);
    strings(xmlParser.parse(await response.text()), em);
  }

  const vro = new Set<string>();
  const vroUrl = sim.orchestrator.url;
  const vroBearer = await token(vroUrl, '/api/token', sim.orchestrator);
  const plans = (await getJson(`${vroUrl}/api/v3/Plans`, vroBearer)) as { id: string }[];
  strings(plans, vro);
  for (const plan of plans)
    strings(await getJson(`${vroUrl}/api/v3/RuntimeDetails/Plans/${plan.id}`, vroBearer), vro);

  const vspc = new Set<string>();
  const vspcUrl = sim.serviceProviderConsole.url;
  const vspcBearer = await token(vspcUrl, '/api/v3/token', sim.serviceProviderConsole);
  const jobs = `${vspcUrl}/api/v3/infrastructure/backupServers/jobs/replicationVmJobs`;
  strings(await getJson(`${jobs}?expand=BackupServerJob`, vspcBearer), vspc);
  for (const job of sim.world.jobs) strings(await getJson(`${jobs}/${job.uid}`, vspcBearer), vspc);
  for (const server of sim.world.backupServers) {
    const objects = `${vspcUrl}/api/v3/infrastructure/backupServers/${server.uid}/jobs/replicationVmJobs/objects`;
    strings(await getJson(objects, vspcBearer), vspc);
  }
  return { em, vro, vspc };
}

async function admin(sim: RunningSimulator, method: string, body?: unknown) {
  const response = await fetch(`${sim.admin.url}/admin/names`, {
    method,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

describe('hostile names switched at run time', () => {
  let sim: RunningSimulator;
  let plain: ReturnType<typeof namesOf>;
  let sessionUid: string;
  let plainFailureMessage: string | undefined;
  let replicaUid: string;
  beforeAll(async () => {
    sim = await startSimulator({ epoch: EPOCH, speed: 0 });
    plain = namesOf(sim.world);
    const failed = sim.world.sessions.find((session) => session.failureMessage !== undefined);
    sessionUid = failed?.uid ?? '';
    plainFailureMessage = failed?.failureMessage;
    // A job with a VM that gets a hostile name: its restore points name that VM.
    const job = sim.world.jobs.find((j) => j.vms.includes(0));
    replicaUid = job?.replicaUid ?? '';
  });
  afterAll(() => sim.close());

  it('GET /admin/names shows the setting, and POST refuses anything but a boolean', async () => {
    expect(await admin(sim, 'GET')).toEqual({ status: 200, body: { hostile: false } });
    for (const bad of [{}, { hostile: 'yes' }, [true], null]) {
      const refused = await admin(sim, 'POST', bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect(refused.body).toMatchObject({ error: expect.stringContaining('"hostile"') as unknown });
    }
    expect(sim.world.hostileNames).toBe(false);
  });

  it('on: every API shows the exact hostile strings; off: the original names are back', async () => {
    const before = await shownStrings(sim, sessionUid, replicaUid);
    const hostileSet = new Set<string>([...HOSTILE_NAMES, HOSTILE_FAILURE_MESSAGE].map(inXml));
    for (const shown of Object.values(before))
      expect([...shown].filter((value) => hostileSet.has(value))).toEqual([]);

    expect(await admin(sim, 'POST', { hostile: true })).toEqual({ status: 200, body: { hostile: true } });
    expect(await admin(sim, 'GET')).toEqual({ status: 200, body: { hostile: true } });
    const hostile = namesOf(sim.world);
    const hostileVro = orchestratorNames(sim.world);
    const uids = sim.world.vms.map((vm) => vm.uid);
    const { em, vro, vspc } = await shownStrings(sim, sessionUid, replicaUid);

    // Enterprise Manager: plan, tenant, VM and job names, a restore point's VM, the FailureMessage.
    for (const name of Object.values(hostile).flat()) expect(em).toContain(inXml(name));
    for (const name of HOSTILE_NAMES) expect(em).toContain(inXml(name));
    expect(em).toContain(HOSTILE_FAILURE_MESSAGE);
    expect(em).toContain(inXml(sim.world.vms[0]?.name ?? ''));
    expect(em).not.toContain(plain.vms[0]);
    // The Orchestrator: plan, site scope (tenant) and VM names, exact in JSON.
    for (const name of hostileVro) expect(vro).toContain(name);
    // The Service Provider Console: job and VM names.
    for (const name of [...hostile.jobs, ...hostile.vms]) expect(vspc).toContain(name);
    expect(HOSTILE_NAMES.filter((name) => hostileVro.includes(name)).length).toBeGreaterThan(3);
    expect(HOSTILE_NAMES.some((name) => hostile.jobs.includes(name) && vspc.has(name))).toBe(true);

    // Only names changed.
    expect(sim.world.vms.map((vm) => vm.uid)).toEqual(uids);
    expect(hostile).not.toEqual(plain);

    expect(await admin(sim, 'POST', { hostile: false })).toEqual({ status: 200, body: { hostile: false } });
    expect(namesOf(sim.world)).toEqual(plain);
    const after = await shownStrings(sim, sessionUid, replicaUid);
    for (const shown of Object.values(after))
      expect([...shown].filter((value) => hostileSet.has(value))).toEqual([]);
    for (const name of Object.values(plain).flat()) expect(after.em).toContain(name);
    for (const name of orchestratorNames(sim.world)) expect(after.vro).toContain(name);
    for (const name of [...plain.jobs, ...plain.vms]) expect(after.vspc).toContain(name);
    expect(after.em).toContain(plainFailureMessage);
    expect(after).toEqual(before);
  });

  it('a world started with hostile names switches back to the plain ones', async () => {
    const started = await startSimulator({ epoch: EPOCH, speed: 0, hostileNames: true });
    try {
      expect(await admin(started, 'GET')).toEqual({ status: 200, body: { hostile: true } });
      expect(namesOf(started.world)).not.toEqual(plain);
      expect(started.world.sessions.some((s) => s.failureMessage === HOSTILE_FAILURE_MESSAGE)).toBe(true);
      await admin(started, 'POST', { hostile: false });
      expect(namesOf(started.world)).toEqual(plain);
      expect(started.world.sessions.some((s) => s.failureMessage === HOSTILE_FAILURE_MESSAGE)).toBe(false);
    } finally {
      await started.close();
    }
  });
});
