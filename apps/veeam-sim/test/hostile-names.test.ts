import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../src/index.ts';
import { HOSTILE_FAILURE_MESSAGE, HOSTILE_NAMES } from '../src/world/names.ts';
import { createWorld, type World } from '../src/world/world.ts';
import { logon } from './helpers/em-client.ts';
import { inXml, namesOf, strings, xmlParser } from './helpers/hostile-text.ts';

const EPOCH = new Date('2026-01-15T12:00:00Z');

describe('a world with hostile names', () => {
  it('carries every hostile string, keeps names unique per kind, and is deterministic', () => {
    for (const seed of [1, 2, 3]) {
      const world = createWorld({ seed, epoch: EPOCH, hostileNames: true });
      const names = namesOf(world);
      const all = new Set(Object.values(names).flat());
      for (const hostile of HOSTILE_NAMES) expect(all.has(hostile), JSON.stringify(hostile)).toBe(true);
      for (const list of Object.values(names)) expect(new Set(list).size).toBe(list.length);
      expect(namesOf(createWorld({ seed, epoch: EPOCH, hostileNames: true }))).toEqual(names);
    }
    const medium = namesOf(createWorld({ scale: 'medium', epoch: EPOCH, hostileNames: true }));
    for (const list of Object.values(medium)) expect(new Set(list).size).toBe(list.length);
  });

  it('renames only a subset, and nothing else: same ids, same structure', () => {
    const plain = createWorld({ epoch: EPOCH });
    const hostile = createWorld({ epoch: EPOCH, hostileNames: true });
    const hostileSet = new Set<string>(HOSTILE_NAMES);
    expect(
      Object.values(namesOf(plain))
        .flat()
        .some((name) => hostileSet.has(name)),
    ).toBe(false);
    const renamed = hostile.vms.filter((vm) => hostileSet.has(vm.name));
    expect(renamed.length).toBeGreaterThan(0);
    expect(renamed.length).toBeLessThan(hostile.vms.length);
    expect(hostile.vms.map((v) => v.uid)).toEqual(plain.vms.map((v) => v.uid));
    expect(hostile.plans.map((p) => [p.uid, p.vms])).toEqual(plain.plans.map((p) => [p.uid, p.vms]));
    // Restore points show the new VM names.
    const vm = renamed[0];
    expect(hostile.points.forVm(vm?.index ?? -1, hostile.clock.startMs)[0]?.vm.name).toBe(vm?.name);
    const failed = hostile.sessions.filter((s) => s.failureMessage === HOSTILE_FAILURE_MESSAGE);
    expect(failed).toHaveLength(1);
  });
});

describe('every API escapes hostile names', () => {
  let sim: RunningSimulator;
  let world: World;
  beforeAll(async () => {
    sim = await startSimulator({ epoch: EPOCH, speed: 0, hostileNames: true });
    world = sim.world;
  });
  afterAll(() => sim.close());

  it('Enterprise Manager: exact names in attributes and text, a well-formed document', async () => {
    const headers = { 'X-RestSvcSessionId': await logon(sim) };
    const get = async (path: string) => {
      const response = await fetch(`${sim.enterpriseManager.url}${path}`, { headers });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toContain('<script>');
      return strings(xmlParser.parse(text));
    };
    const plans = await get('/api/cloud/cloudFailoverPlans?format=Entity');
    for (const plan of world.plans) {
      expect(plans).toContain(inXml(plan.name));
      expect(plans).toContain(inXml((world.tenants[plan.tenant] as { name: string }).name));
      for (const planVm of plan.vms) expect(plans).toContain(inXml(world.vms[planVm.vm]?.name ?? ''));
    }
    const replicas = await get('/api/cloud/replicas?format=Entity');
    for (const job of world.jobs) expect(replicas).toContain(inXml(job.name));
    const session = world.sessions.find((s) => s.failureMessage === HOSTILE_FAILURE_MESSAGE);
    const sessionStrings = await get(`/api/cloud/failoverSessions/${session?.uid}?format=Entity`);
    expect(sessionStrings).toContain(HOSTILE_FAILURE_MESSAGE);
    expect(inXml(HOSTILE_FAILURE_MESSAGE)).toBe(HOSTILE_FAILURE_MESSAGE);
  });

  async function token(url: string, path: string, user: { username: string; password: string }) {
    const form = new URLSearchParams({ grant_type: 'password', ...user });
    const response = await fetch(`${url}${path}`, { method: 'POST', body: form });
    return ((await response.json()) as { access_token: string }).access_token;
  }

  async function getJson(url: string, bearer: string): Promise<{ raw: string; parsed: unknown }> {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${bearer}` } });
    expect(response.status).toBe(200);
    const raw = await response.text();
    // JSON escapes control characters: no raw CR, LF or ESC reaches a log line.
    // eslint-disable-next-line no-control-regex -- the escaped characters are the point
    expect(raw).not.toMatch(/[\r\n\u001b]/);
    return { raw, parsed: JSON.parse(raw) };
  }

  it('Orchestrator: exact plan, scope and VM names', async () => {
    const { url } = sim.orchestrator;
    const bearer = await token(url, '/api/token', sim.orchestrator);
    const { parsed } = await getJson(`${url}/api/v3/Plans`, bearer);
    const listed = parsed as { id: string; name: string; siteScopeName: string }[];
    expect(listed.map((plan) => plan.name).sort()).toEqual(world.plans.map((plan) => plan.name).sort());
    for (const plan of world.plans) {
      const shown = listed.find((item) => item.name === plan.name);
      expect(shown?.siteScopeName).toBe(world.tenants[plan.tenant]?.name);
      const details = await getJson(`${url}/api/v3/RuntimeDetails/Plans/${shown?.id}`, bearer);
      const vmNames = (details.parsed as { vms: { vmName: string }[] }).vms.map((vm) => vm.vmName);
      expect(vmNames).toEqual(plan.vms.map((planVm) => world.vms[planVm.vm]?.name));
    }
  });

  it('Service Provider Console: exact job and VM names', async () => {
    const { url } = sim.serviceProviderConsole;
    const bearer = await token(url, '/api/v3/token', sim.serviceProviderConsole);
    const jobs = await getJson(
      `${url}/api/v3/infrastructure/backupServers/jobs/replicationVmJobs?expand=BackupServerJob`,
      bearer,
    );
    type Job = { _embedded: { backupServerJob: { name: string } } };
    const jobNames = (jobs.parsed as { data: Job[] }).data.map((job) => job._embedded.backupServerJob.name);
    expect(jobNames.sort()).toEqual(world.jobs.map((job) => job.name).sort());
    const shown = new Set<string>();
    for (const server of world.backupServers) {
      const objects = await getJson(
        `${url}/api/v3/infrastructure/backupServers/${server.uid}/jobs/replicationVmJobs/objects`,
        bearer,
      );
      strings(objects.parsed, shown);
    }
    for (const vm of world.vms) expect(shown).toContain(vm.name);
  });
});
