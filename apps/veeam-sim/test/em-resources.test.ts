import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../src/index.ts';
import { emClient, list, type EmClient } from './helpers/em-client.ts';

type Node = Record<string, unknown>;
const NS = 'http://www.veeam.com/ent/v1.0';
const EPOCH = new Date('2026-01-15T12:00:00.000Z');
const DAY = 24 * 3_600_000;

let sim: RunningSimulator;
let em: EmClient;
let base: string;

beforeAll(async () => {
  sim = await startSimulator({ epoch: EPOCH, speed: 0 });
  em = await emClient(sim);
  base = sim.enterpriseManager.url;
});
afterAll(() => sim.close());

const refsOf = (xml: Node): Node[] => list((xml.EntityReferences as Node).Ref);
const linksOf = (node: Node): Record<string, string>[] => list((node.Links as Node).Link);
const uidGuid = (uid: unknown) => String(uid).split(':').at(-1) as string;

async function query(params: string) {
  const response = await em.get(`/api/query?${params}`);
  expect(response.status, response.text).toBe(200);
  const result = response.xml.QueryResult as Node;
  expect(result['@_xmlns']).toBe(NS);
  const paging = result.PagingInfo as Node;
  return { result, paging, pagingLinks: linksOf(paging) };
}

async function sessionEntities(params = ''): Promise<Node[]> {
  const { result } = await query(`type=CloudFailoverSession&format=Entities&pageSize=1000${params}`);
  return list(((result.Entities as Node).CloudFailoverSessions as Node).CloudFailoverSession);
}

describe('Enterprise Manager collections and entities', () => {
  it('lists only the last 30 days of failover sessions; older ones stay reachable by id and query', async () => {
    const now = sim.world.clock.now();
    const recent = sim.world.sessions.filter((s) => s.createdMs >= now - 30 * DAY);
    const old = sim.world.sessions.filter((s) => s.createdMs < now - 30 * DAY);
    expect(old.length).toBeGreaterThan(0);
    const { xml } = await em.get('/api/cloud/failoverSessions');
    expect((xml.EntityReferences as Node)['@_xmlns']).toBe(NS);
    const refs = refsOf(xml);
    expect(refs.map((ref) => uidGuid(ref['@_UID']))).toEqual(recent.map((s) => s.uid));
    for (const ref of refs) {
      expect(ref['@_Type']).toBe('CloudFailoverSessionReference');
      expect(ref['@_Href']).toBe(`${base}/api/cloud/failoverSessions/${uidGuid(ref['@_UID'])}`);
      expect(String(ref['@_UID'])).toMatch(/^urn:veeam:CloudFailoverSession:[0-9a-f-]{36}$/);
      const [up, alternate] = linksOf(ref);
      expect(up?.['@_Type']).toBe('BackupServerReference');
      expect(alternate?.['@_Href']).toBe(`${ref['@_Href'] as string}?format=Entity`);
    }
    const oldOne = await em.get(`/api/cloud/failoverSessions/${old[0]?.uid}?format=Entity`);
    expect(oldOne.status).toBe(200);
    expect(await sessionEntities()).toHaveLength(sim.world.sessions.length);
  });

  it('shows a session as a reference and as an entity with state, result and per-VM tasks', async () => {
    const entities = await sessionEntities();
    const working = entities.find((s) => s.State === 'Working') as Node;
    const reference = await em.get(`/api/cloud/failoverSessions/${uidGuid(working['@_UID'])}`);
    const ref = reference.xml.EntityRef as Node;
    expect(ref['@_Type']).toBe('CloudFailoverSessionReference');
    expect(ref['@_Name']).toBe(working['@_Name']);
    const { xml } = await em.get(`/api/cloud/failoverSessions/${uidGuid(working['@_UID'])}?format=entity`);
    const entity = xml.CloudFailoverSession as Node;
    expect(entity['@_xmlns']).toBe(NS);
    expect(entity['@_Href']).toBe(`${ref['@_Href'] as string}?format=Entity`);
    expect(entity.JobType).toBe('FailoverPlan');
    expect(entity.Result).toBe('None');
    expect(entity.EndTimeUTC).toBeUndefined();
    expect(String(entity.CreationTimeUTC)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const tasks = list<Node>((entity.CloudFailoverTasks as Node).CloudFailoverTasks);
    expect(tasks.length).toBeGreaterThan(0);
    const pointLink = tasks[0]?.VmReplicaPointLink as Record<string, string>;
    expect(pointLink['@_Type']).toBe('CloudVmReplicaPointReference');
    expect(pointLink['@_Name']).toMatch(
      new RegExp(`^${String(tasks[0]?.['@_VmName'])}@\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$`),
    );
    const point = await em.get(new URL(pointLink['@_Href'] as string).pathname);
    expect(point.status).toBe(200);

    const failed = entities.find((s) => s.Result === 'Failed') as Node;
    expect(failed.State).toBe('Stopped');
    expect(failed.FailureMessage).toBeTruthy();
    expect(failed.EndTimeUTC).toBeTruthy();
    expect(failed.Progress).toBe('100');
    expect(new Set(entities.map((s) => s.State))).toEqual(
      new Set(['Starting', 'Working', 'Stopping', 'Stopped']),
    );
  });

  it('lists restore points and shows each as a reference and an entity', async () => {
    const { xml } = await em.get('/api/cloud/vmReplicaPoints');
    const refs = refsOf(xml);
    expect(refs).toHaveLength(sim.world.points.count(sim.world.clock.now()));
    const ref = refs[0] as Node;
    expect(ref['@_Type']).toBe('CloudVmReplicaPointReference');
    expect(linksOf(ref).map((l) => `${l['@_Rel']} ${l['@_Type']}`)).toEqual([
      'Up BackupServerReference',
      'Up CloudReplicaReference',
      'Alternate CloudVmReplicaPoint',
    ]);
    const id = uidGuid(ref['@_UID']);
    const entity = (await em.get(`/api/cloud/vmReplicaPoints/${id}?format=Entity`)).xml
      .CloudVmReplicaPoint as Node;
    expect(entity['@_VmDisplayName']).toBe(String(ref['@_Name']).split('@')[0]);
    expect(entity.PointType).toBe('Full');
    expect(['Ready', 'Failover']).toContain(entity.State);
    expect((await em.get(`/api/cloud/vmReplicaPoints/${id}`)).xml.EntityRef).toBeDefined();
  });

  it('shows replicas, failover plans and backup servers, each linked to its backup server', async () => {
    const replicas = refsOf((await em.get('/api/cloud/replicas')).xml);
    expect(replicas).toHaveLength(sim.world.jobs.length);
    const replicaId = uidGuid(replicas[0]?.['@_UID']);
    const replica = (await em.get(`/api/cloud/replicas/${replicaId}?format=Entity`)).xml.CloudReplica as Node;
    expect(['VMware', 'HyperV']).toContain(replica.Platform);
    const down = linksOf(replica).find((l) => l['@_Rel'] === 'Down') as Record<string, string>;
    const points = refsOf((await em.get(new URL(down['@_Href'] as string).pathname)).xml);
    const job = sim.world.jobByReplicaUid(replicaId);
    expect(points.length).toBe(
      job?.vms.reduce((n, vm) => n + sim.world.points.forVm(vm, sim.world.clock.now()).length, 0),
    );

    const plans = (await em.get('/api/cloud/cloudFailoverPlans?format=Entity')).xml
      .CloudFailoverPlans as Node;
    const planList = list<Node>(plans.CloudFailoverPlan);
    expect(planList).toHaveLength(sim.world.plans.length);
    const plan = planList[0] as Node;
    expect(String(plan.TenantUid)).toMatch(/^urn:veeam:CloudTenant:/);
    const includes = list<Node>(((plan.CloudFailoverPlanInfo as Node).Includes as Node).CloudFailoverPlanVm);
    expect(includes.map((vm) => vm.Order)).toEqual(includes.map((_, i) => String(i)));
    expect(includes[0]?.['@_Type']).toBe('CloudFailoveredVm');
    expect(linksOf(plan).map((l) => l['@_Rel'])).toEqual([
      'Up',
      'Alternate',
      'Edit',
      'Start',
      'Test',
      'Undo',
      'Delete',
    ]);
    const planRef = (await em.get(`/api/cloud/cloudFailoverPlans/${uidGuid(plan['@_UID'])}`)).xml
      .EntityRef as Node;
    expect(linksOf(planRef).map((l) => l['@_Type'])).toEqual([
      'BackupServerReference',
      'CloudFailoverPlan',
      'CloudTenant',
    ]);

    const server = sim.world.backupServers[0];
    const entity = (await em.get(`/api/backupServers/${server?.uid}?format=Entity`)).xml.BackupServer as Node;
    expect(entity['@_Name']).toBe(server?.name);
    expect(entity.Port).toBe('9392');
    expect(entity.Version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(refsOf((await em.get('/api/backupServers')).xml)).toHaveLength(sim.world.backupServers.length);
  });

  it('escapes names in attributes and text', async () => {
    const world = sim.world;
    const plan = world.plans[0];
    // Names are fixed per seed; hostile names are injected here by hand until the world offers them.
    const tenant = world.tenants[plan?.tenant ?? 0] as { name: string };
    const original = tenant.name;
    tenant.name = `R&D <"Prod"> 'x'`;
    try {
      const { text, xml } = await em.get(`/api/cloud/cloudFailoverPlans/${plan?.uid}?format=Entity`);
      expect(text).toContain('<TenantName>R&amp;D &lt;"Prod"&gt; \'x\'</TenantName>');
      expect((xml.CloudFailoverPlan as Node).TenantName).toBe(`R&D <"Prod"> 'x'`);
    } finally {
      tenant.name = original;
    }
  });
});

describe('Enterprise Manager query service', () => {
  it('pages references with PagingInfo and First/Previous/Next/Last links', async () => {
    const { result, paging, pagingLinks } = await query('type=backupServer&pageSize=1');
    expect(list<Node>((result.Refs as Node).Ref)).toHaveLength(1);
    expect(paging['@_PageNum']).toBe('1');
    expect(paging['@_PageSize']).toBe('1');
    expect(paging['@_PagesCount']).toBe(String(sim.world.backupServers.length));
    expect(pagingLinks.map((l) => l['@_Rel'])).toEqual(['First', 'Next', 'Last']);
    expect(pagingLinks[1]?.['@_Href']).toBe(`${base}/api/query?type=backupServer&pageSize=1&page=2`);
    const second = await query('type=backupServer&pageSize=1&page=2');
    expect(second.pagingLinks.map((l) => l['@_Rel'])).toEqual(['First', 'Previous', 'Last']);
  });

  it('returns every restore point exactly once across pages of Entities', async () => {
    const now = sim.world.clock.now();
    const expected = [...sim.world.points.all(now)].map((p) => p.uid);
    const seen: string[] = [];
    let pages = 1;
    for (let page = 1; page <= pages; page++) {
      const { result, paging } = await query(
        `type=CloudVmReplicaPoint&format=Entities&pageSize=7&page=${page}`,
      );
      pages = Number(paging['@_PagesCount']);
      const items = list<Node>(((result.Entities as Node).CloudVmReplicaPoints as Node).CloudVmReplicaPoint);
      seen.push(...items.map((item) => uidGuid(item['@_UID'])));
    }
    expect(pages).toBe(Math.ceil(expected.length / 7));
    expect(seen).toEqual(expected);
  });

  it('defaults to references, 100 per page', async () => {
    const total = sim.world.points.count(sim.world.clock.now());
    const { result, paging } = await query('type=CloudVmReplicaPoint');
    expect(list((result.Refs as Node).Ref)).toHaveLength(Math.min(100, total));
    expect(paging['@_PageSize']).toBe('100');
    expect(paging['@_PagesCount']).toBe(String(Math.max(1, Math.ceil(total / 100))));
    const sessions = await query('type=CloudFailoverSession&pageSize=5');
    expect(list((sessions.result.Refs as Node).Ref)).toHaveLength(5);
    expect(sessions.paging['@_PagesCount']).toBe(String(Math.ceil(sim.world.sessions.length / 5)));
  });

  it('filters sessions on State, Result, Name, CreationTime and BackupServerUid, with AND, OR and quotes', async () => {
    const all = await sessionEntities();
    const only = async (filter: string) => sessionEntities(`&filter=${encodeURIComponent(filter)}`);
    expect((await only('State==Working')).map((s) => s.State)).toEqual(['Working']);
    expect((await only('result==failed')).every((s) => s.Result === 'Failed')).toBe(true);
    expect(await only('Result!=None')).toHaveLength(all.filter((s) => s.Result !== 'None').length);
    // Results compare in their documented order: Success < Warning < Failed.
    expect(
      (await only('Result>=Warning')).every((s) => s.Result === 'Warning' || s.Result === 'Failed'),
    ).toBe(true);
    const name = String(all[0]?.['@_Name']);
    expect((await only(`Name=="${name}"`)).every((s) => s['@_Name'] === name)).toBe(true);
    const cutoff = new Date(sim.world.clock.now() - 30 * DAY).toISOString();
    expect(await only(`CreationTime>=${cutoff}`)).toHaveLength(
      refsOf((await em.get('/api/cloud/failoverSessions')).xml).length,
    );
    const server = sim.world.backupServers[1];
    const onServer = await only(`BackupServerUid=="urn:veeam:BackupServer:${server?.uid}"`);
    expect(onServer.length).toBeGreaterThan(0);
    for (const s of onServer) expect(linksOf(s)[0]?.['@_Name']).toBe(server?.name);
    const either = await only('(State==Starting,State==Stopping);Result==None');
    expect(either.map((s) => s.State).sort()).toEqual(['Starting', 'Stopping']);
  });

  it('filters restore points on VmName and CreationTime, and sorts them', async () => {
    const vm = sim.world.vms[0];
    const { result } = await query(
      `type=CloudVmReplicaPoint&format=Entities&filter=VmName==${vm?.name}&sortDesc=CreationTime`,
    );
    const items = list<Node>(((result.Entities as Node).CloudVmReplicaPoints as Node).CloudVmReplicaPoint);
    expect(items.map((item) => item['@_VmDisplayName'])).toEqual(items.map(() => vm?.name));
    const times = items.map((item) => Date.parse(String(item.CreationTimeUTC)));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const since = new Date(sim.world.clock.now() - 3_600_000).toISOString();
    const recent = await query(
      `type=CloudVmReplicaPoint&format=Entities&pageSize=1000&filter=${encodeURIComponent(`CreationTime>"${since}"`)}&sortAsc=CreationTime`,
    );
    const recentItems = list<Node>(
      ((recent.result.Entities as Node).CloudVmReplicaPoints as Node).CloudVmReplicaPoint,
    );
    expect(recentItems.length).toBeGreaterThan(0);
    const recentTimes = recentItems.map((item) => Date.parse(String(item.CreationTimeUTC)));
    expect(recentTimes.every((t) => t > Date.parse(since))).toBe(true);
    expect(recentTimes).toEqual([...recentTimes].sort((a, b) => a - b));
  });

  it('queries plans and replicas too', async () => {
    const plans = await query('type=CloudFailoverPlan&format=Entities&sortAsc=Name');
    const names = list<Node>(
      ((plans.result.Entities as Node).CloudFailoverPlans as Node).CloudFailoverPlan,
    ).map((p) => String(p['@_Name']));
    expect(names).toEqual([...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
    const replicas = await query('type=CloudReplica&filter=Platform==HyperV');
    expect(list((replicas.result.Refs as Node).Ref).length).toBe(
      sim.world.jobs.filter((j) => j.platform === 'HyperV').length,
    );
  });

  it('answers 400 with an Error body for a bad query', async () => {
    for (const params of [
      '',
      'type=Nope',
      'type=CloudFailoverSession&format=Xml',
      'type=CloudFailoverSession&pageSize=0',
      'type=CloudFailoverSession&page=-1',
      'type=CloudFailoverSession&filter=Nope==1',
      'type=CloudFailoverSession&filter=State==Flying',
      'type=CloudFailoverSession&filter=CreationTime>yesterday',
      'type=CloudFailoverSession&filter=(State==Working',
      'type=CloudFailoverSession&sortAsc=Nope',
    ]) {
      const response = await em.get(`/api/query?${params}`);
      expect(response.status, params).toBe(400);
      const error = response.xml.Error as Record<string, string>;
      expect(error['@_Status']).toBe('BadRequest');
      expect(error['@_StatusCode']).toBe('400');
    }
  });
});

describe('Enterprise Manager errors', () => {
  it('answers 404 for unknown ids and paths, 405 for a wrong method, 400 for an unknown format', async () => {
    for (const path of [
      '/api/cloud/failoverSessions/00000000-0000-4000-8000-000000000000',
      '/api/cloud/vmReplicaPoints/not-a-guid',
      '/api/cloud/replicas/00000000-0000-4000-8000-000000000000',
      '/api/cloud/cloudFailoverPlans/00000000-0000-4000-8000-000000000000?format=Entity',
      '/api/backupServers/%E0%A4%A',
      '/api/nothing/here',
    ]) {
      const response = await em.get(path);
      expect(response.status, path).toBe(404);
      expect((response.xml.Error as Record<string, string>)['@_Status']).toBe('NotFound');
    }
    const wrongMethod = await fetch(`${base}/api/cloud/failoverSessions`, {
      method: 'DELETE',
      headers: { 'X-RestSvcSessionId': em.token },
    });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    const badFormat = await em.get('/api/backupServers?format=Xml');
    expect(badFormat.status).toBe(400);
  });
});
