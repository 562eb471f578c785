// Runs of plans over HTTP: Enterprise Manager's plan actions and tasks, and the one world behind all
// three APIs, where a run started in one shows everywhere it would. The world clock is frozen and
// the tests move it forward (no sleeps).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../src/index.ts';
import { emClient, list, type EmAnswer, type EmClient } from './helpers/em-client.ts';

type Node = Record<string, unknown>;
type LinkNode = Record<string, string>;

const EPOCH = new Date('2026-01-15T12:00:00.000Z');
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const NS = 'http://www.veeam.com/ent/v1.0';
const START_NOW = `<CloudFailoverPlanManagementSpec xmlns="${NS}"><StartNow>true</StartNow></CloudFailoverPlanManagementSpec>`;
/** Failed over at the world's start (its seeded story ends so), and not running. */
const FAILED_OVER_PLAN = 3;

/** One simulator per suite: the world is shared state, and each suite tells one story in order. */
function useSimulator(): { sim: () => RunningSimulator; em: () => EmClient } {
  let sim: RunningSimulator | undefined;
  let em: EmClient | undefined;
  beforeAll(async () => {
    // Orchestrator tokens outlive the hours these tests move the clock forward.
    sim = await startSimulator({ epoch: EPOCH, speed: 0, vroAccessMinutes: 7 * 24 * 60 });
    em = await emClient(sim);
  });
  afterAll(() => sim?.close());
  return { sim: () => sim as RunningSimulator, em: () => em as EmClient };
}

const linksOf = (node: Node): LinkNode[] => list<LinkNode>((node.Links as Node | undefined)?.Link);
const relOf = (node: Node, rel: string) => linksOf(node).find((l) => l['@_Rel'] === rel);
/** An absolute Href as a path for the client. */
const pathOf = (href: string | undefined) => {
  const url = new URL(href ?? '');
  return `${url.pathname}${url.search}`;
};

function emHelpers(sim: () => RunningSimulator, em: () => EmClient) {
  const plan = (index: number) => sim().world.plans[index] as RunningSimulator['world']['plans'][number];
  const advance = (ms: number) => sim().world.clock.advance(ms);
  const action = (index: number, name: string, body?: string, type?: string) =>
    em().send('POST', `/api/cloud/cloudFailoverPlans/${plan(index).uid}?action=${name}`, body, type);
  const task = async (id: string): Promise<Node> => {
    const answer = await em().get(`/api/tasks/${id}`);
    expect(answer.status, answer.text).toBe(200);
    return answer.xml.Task as Node;
  };
  /** Polls a task a second of world time at a time until it has finished. */
  const finishedTask = async (id: string): Promise<Node> => {
    for (let seconds = 0; seconds <= 60; seconds++) {
      const current = await task(id);
      if (current.State === 'Finished') return current;
      advance(SECOND);
    }
    throw new Error(`task ${id} never finished`);
  };
  const session = async (href: string): Promise<Node> => {
    const answer = await em().get(pathOf(href));
    expect(answer.status, answer.text).toBe(200);
    return answer.xml.CloudFailoverSession as Node;
  };
  /** The newest session of the plan, as an entity. */
  const newestSession = async (index: number): Promise<Node> => {
    const filter = encodeURIComponent(`Name=="${plan(index).name}"`);
    const answer = await em().get(
      `/api/query?type=CloudFailoverSession&format=Entities&sortDesc=CreationTime&pageSize=1&filter=${filter}`,
    );
    expect(answer.status, answer.text).toBe(200);
    const entities = (answer.xml.QueryResult as Node).Entities as Node;
    return (entities.CloudFailoverSessions as Node).CloudFailoverSession as Node;
  };
  /** Moves the clock a minute at a time until the session has stopped; returns it and the states seen. */
  const sessionToEnd = async (href: string): Promise<{ entity: Node; states: string[] }> => {
    const states: string[] = [];
    for (let minutes = 0; minutes <= 24 * 60; minutes++) {
      const entity = await session(href);
      states.push(String(entity.State));
      if (entity.State === 'Stopped') return { entity, states };
      advance(MINUTE);
    }
    throw new Error(`session ${href} never stopped`);
  };
  const sessionHref = (entity: Node) => String(entity['@_Href']);
  /** The State every restore point of each of the plan's VMs shows, by VM name. */
  const replicaStates = async (index: number): Promise<Record<string, string[]>> => {
    const byVm: Record<string, string[]> = {};
    for (const planVm of plan(index).vms) {
      const name = sim().world.vms[planVm.vm]?.name ?? '';
      const filter = encodeURIComponent(`VmName=="${name}"`);
      const answer = await em().get(
        `/api/query?type=CloudVmReplicaPoint&format=Entities&pageSize=1000&filter=${filter}`,
      );
      expect(answer.status, answer.text).toBe(200);
      const entities = (answer.xml.QueryResult as Node).Entities as Node;
      const points = list<Node>((entities.CloudVmReplicaPoints as Node | undefined)?.CloudVmReplicaPoint);
      byVm[name] = [...new Set(points.map((point) => String(point.State)))];
    }
    return byVm;
  };
  const allIn = (states: Record<string, string[]>, state: string) =>
    Object.values(states).every((vmStates) => vmStates.length === 1 && vmStates[0] === state);
  /** Undoes the plan in Enterprise Manager and waits until its session has stopped. */
  const undoAndWait = async (index: number): Promise<void> => {
    const undo = await action(index, 'undo');
    expect(undo.status, undo.text).toBe(202);
    advance(5 * SECOND);
    await sessionToEnd(sessionHref(await newestSession(index)));
  };
  return {
    plan,
    advance,
    action,
    task,
    finishedTask,
    session,
    newestSession,
    sessionToEnd,
    sessionHref,
    replicaStates,
    allIn,
    undoAndWait,
  };
}

function expectError(answer: EmAnswer, status: number, message?: string): void {
  expect(answer.status, answer.text).toBe(status);
  const error = answer.xml.Error as Node;
  expect(error['@_xmlns']).toBe(NS);
  expect(error['@_StatusCode']).toBe(String(status));
  if (message) expect(String(error['@_Message'])).toContain(message);
}

describe('Enterprise Manager plan actions', () => {
  const { sim, em } = useSimulator();
  const h = emHelpers(sim, em);
  const taskIdOf = (answer: EmAnswer) => String((answer.xml.Task as Node).TaskId);

  it('refuses actions the plan’s state does not allow, with a 400 Error body and no task', async () => {
    // Plan 0's seeded failover is still working at the world's start.
    for (const name of ['start', 'undo', 'test']) {
      const body = name === 'start' ? START_NOW : undefined;
      expectError(await h.action(0, name, body), 400, 'running');
    }
    expectError(await h.action(FAILED_OVER_PLAN, 'start', START_NOW), 400, 'Failover');
    expectError(await h.action(FAILED_OVER_PLAN, 'test'), 400, 'not Ready');
    expectError(await h.action(FAILED_OVER_PLAN, 'failback'), 400, 'Unknown action');
    expectError(
      await em().send('POST', `/api/cloud/cloudFailoverPlans/${h.plan(FAILED_OVER_PLAN).uid}`),
      400,
      'Unknown action',
    );
    expectError(
      await em().send(
        'POST',
        '/api/cloud/cloudFailoverPlans/00000000-0000-4000-8000-000000000000?action=undo',
      ),
      404,
    );
    const tasks = await em().get('/api/tasks');
    expect(tasks.status).toBe(200);
    expect((tasks.xml.Tasks as Node)['@_xmlns']).toBe(NS);
    expect(list((tasks.xml.Tasks as Node).Task)).toEqual([]);
    expect(sim().world.runs.all).toHaveLength(0);
  });

  it('undoes a failed-over plan: a Task without a Related link, an undo session, replicas Ready again', async () => {
    expect(h.allIn(await h.replicaStates(FAILED_OVER_PLAN), 'Failover')).toBe(true);
    const sessionsBefore = sim().world.sessions.length;
    const undo = await h.action(FAILED_OVER_PLAN, 'undo');
    expect(undo.status, undo.text).toBe(202);
    expect(undo.headers.get('content-type')).toContain('application/xml');
    const accepted = undo.xml.Task as Node;
    const id = taskIdOf(undo);
    expect(id).toMatch(/^task-\d+$/);
    expect(accepted).toMatchObject({ State: 'Running', Operation: 'UndoCloudFailoverPlan' });
    expect(accepted['@_Href']).toBe(`${sim().enterpriseManager.url}/api/tasks/${id}`);
    expect(linksOf(accepted).map((l) => [l['@_Rel'], l['@_Href']])).toEqual([['Delete', accepted['@_Href']]]);

    const finished = await h.finishedTask(id);
    expect(finished.Result).toEqual({ '@_Success': 'true', Message: 'Ok' });
    expect(relOf(finished, 'Related')).toBeUndefined();
    expect(sim().world.sessions).toHaveLength(sessionsBefore + 1);
    const session = await h.newestSession(FAILED_OVER_PLAN);
    expect(session['@_Name']).toBe(h.plan(FAILED_OVER_PLAN).name);
    const { entity } = await h.sessionToEnd(h.sessionHref(session));
    expect(entity.Result).toBe('Success');
    expect(h.allIn(await h.replicaStates(FAILED_OVER_PLAN), 'Ready')).toBe(true);
    expectError(await h.action(FAILED_OVER_PLAN, 'undo'), 400, 'not failed over');
  });

  it('refuses a start body that is not exactly one of StartNow and StartDate, and records nothing', async () => {
    const spec = (inner: string, ns = NS) =>
      `<CloudFailoverPlanManagementSpec xmlns="${ns}">${inner}</CloudFailoverPlanManagementSpec>`;
    const bad: [body: string | undefined, type: string | undefined, status: number][] = [
      [undefined, undefined, 400],
      ['{"StartNow": true, "StartDate": "2026-01-15T10:00:00Z"}', 'application/json', 400],
      ['{}', 'application/json', 400],
      ['{"StartNow": false}', 'application/json', 400],
      ['{"StartNow": "yes"}', 'application/json', 400],
      ['{"StartDate": "yesterday"}', 'application/json', 400],
      ['[true]', 'application/json', 400],
      ['{"StartNow": ', 'application/json', 400],
      [spec('<StartNow>true</StartNow><StartDate>2026-01-15T10:00:00Z</StartDate>'), undefined, 400],
      [spec('<StartNow>maybe</StartNow>'), undefined, 400],
      [spec(''), undefined, 400],
      [spec('<StartNow>true</StartNow>', 'urn:not-veeam'), undefined, 400],
      [`<Spec xmlns="${NS}"><StartNow>true</StartNow></Spec>`, undefined, 400],
      ['<CloudFailoverPlanManagementSpec xmlns=', undefined, 400],
      ['StartNow=true', 'text/plain', 415],
    ];
    for (const [body, type, status] of bad)
      expectError(await h.action(FAILED_OVER_PLAN, 'start', body, type), status);
    expect(sim().world.runs.all).toHaveLength(1);
  });

  it('tests a plan: a session runs with the newest points, and the replicas stay Ready', async () => {
    const test = await h.action(FAILED_OVER_PLAN, 'test');
    expect(test.status, test.text).toBe(202);
    expect((test.xml.Task as Node).Operation).toBe('StartCloudFailoverPlan');
    const finished = await h.finishedTask(taskIdOf(test));
    expectError(await h.action(FAILED_OVER_PLAN, 'start', START_NOW), 400, 'running');
    expect(h.allIn(await h.replicaStates(FAILED_OVER_PLAN), 'Ready')).toBe(true);
    const { entity } = await h.sessionToEnd(relOf(finished, 'Related')?.['@_Href'] ?? '');
    expect(entity.Result).toBe('Success');
    expect(h.allIn(await h.replicaStates(FAILED_OVER_PLAN), 'Ready')).toBe(true);
  });

  it('starts a plan: 202 Task, polled to Finished with the Related session, which runs to Stopped and fails the VMs over', async () => {
    const startedMs = sim().world.clock.now();
    const start = await h.action(FAILED_OVER_PLAN, 'start', START_NOW);
    expect(start.status, start.text).toBe(202);
    const id = taskIdOf(start);
    expect(start.xml.Task).toMatchObject({
      TaskId: id,
      State: 'Running',
      Operation: 'StartCloudFailoverPlan',
    });
    expect((start.xml.Task as Node).Result).toBeUndefined();
    const listed = list<Node>(((await em().get('/api/tasks')).xml.Tasks as Node).Task);
    expect(listed.map((task) => task.TaskId)).toContain(id);

    h.advance(2 * SECOND);
    const operationFinished = await h.task(id);
    expect(operationFinished).toMatchObject({ State: 'OperationFinished' });
    expect(operationFinished.Result).toEqual({ '@_Success': 'true', Message: 'OperationFinished' });
    expect(relOf(operationFinished, 'Related')).toBeUndefined();
    h.advance(3 * SECOND);
    const finished = await h.task(id);
    expect(finished).toMatchObject({ State: 'Finished', Result: { '@_Success': 'true', Message: 'Ok' } });
    const related = relOf(finished, 'Related') as LinkNode;
    expect(related['@_Type']).toBe('CloudFailoverSession');
    expect(related['@_Name']).toBe(h.plan(FAILED_OVER_PLAN).name);
    expect(related['@_Href']).toMatch(/\/api\/cloud\/failoverSessions\/[0-9a-f-]{36}\?format=Entity$/);
    expectError(await h.action(FAILED_OVER_PLAN, 'start', START_NOW), 400, 'running');

    const running = await h.session(related['@_Href'] as string);
    expect(['Starting', 'Working']).toContain(running.State);
    expect(running.Result).toBe('None');
    expect(running.CreationTimeUTC).toBe(new Date(startedMs).toISOString());
    expect(sim().world.runs.all.at(-1)).toMatchObject({
      origin: 'EnterpriseManager',
      operation: 'failover',
      startMs: startedMs,
      restorePointDateMs: undefined,
    });
    const vmTasks = list<Node>((running.CloudFailoverTasks as Node).CloudFailoverTasks);
    expect(vmTasks.map((task) => task['@_VmName'])).toEqual(
      h.plan(FAILED_OVER_PLAN).vms.map((planVm) => sim().world.vms[planVm.vm]?.name),
    );
    h.plan(FAILED_OVER_PLAN).vms.forEach((planVm, position) => {
      const newest = sim().world.points.latest(planVm.vm, startedMs);
      expect((vmTasks[position]?.VmReplicaPointLink as LinkNode)['@_Href']).toMatch(
        new RegExp(`/${newest?.uid}$`),
      );
    });
    expect(h.allIn(await h.replicaStates(FAILED_OVER_PLAN), 'Failover')).toBe(true);

    const { entity, states } = await h.sessionToEnd(related['@_Href'] as string);
    expect(states).toContain('Working');
    expect(entity).toMatchObject({ State: 'Stopped', Result: 'Success', Progress: '100' });
    expect(entity.EndTimeUTC).toBeTruthy();
    const doneTasks = list<Node>((entity.CloudFailoverTasks as Node).CloudFailoverTasks);
    expect(doneTasks.every((task) => task.State === 'Stopped' && task.Result === 'Success')).toBe(true);
    expect(h.allIn(await h.replicaStates(FAILED_OVER_PLAN), 'Failover')).toBe(true);

    expect((await em().send('DELETE', `/api/tasks/${id}`)).status).toBe(204);
    expectError(await em().get(`/api/tasks/${id}`), 404);
    expectError(await em().send('DELETE', `/api/tasks/${id}`), 404);
  });

  it('keeps tasks to the logon session that created them', async () => {
    const other = await emClient(sim());
    const mine = list<Node>(((await em().get('/api/tasks')).xml.Tasks as Node).Task);
    expect(mine.length).toBeGreaterThan(0);
    expect(list(((await other.get('/api/tasks')).xml.Tasks as Node).Task)).toEqual([]);
    expectError(await other.get(`/api/tasks/${String(mine[0]?.TaskId)}`), 404);
  });

  it('with a StartDate, fails each VM over to its newest point created before that date', async () => {
    await h.undoAndWait(FAILED_OVER_PLAN);
    const now = sim().world.clock.now();
    const first = h.plan(FAILED_OVER_PLAN).vms[0]?.vm as number;
    const kept = sim().world.points.forVm(first, now);
    // Between the third and second newest points of the first VM: the third newest is the one.
    const dateMs = Math.round(((kept.at(-3)?.creationMs ?? 0) + (kept.at(-2)?.creationMs ?? 0)) / 2);
    const start = await h.action(
      FAILED_OVER_PLAN,
      'start',
      JSON.stringify({ StartDate: new Date(dateMs).toISOString() }),
      'application/json',
    );
    expect(start.status, start.text).toBe(202);
    expect(sim().world.runs.all.at(-1)?.restorePointDateMs).toBe(dateMs);
    const finished = await h.finishedTask(String((start.xml.Task as Node).TaskId));
    const session = await h.session(relOf(finished, 'Related')?.['@_Href'] ?? '');
    const vmTasks = list<Node>((session.CloudFailoverTasks as Node).CloudFailoverTasks);
    h.plan(FAILED_OVER_PLAN).vms.forEach((planVm, position) => {
      const expected = sim()
        .world.points.forVm(planVm.vm, now)
        .filter((point) => point.creationMs <= dateMs)
        .at(-1);
      expect(expected).toBeDefined();
      const used = vmTasks[position]?.VmReplicaPointLink as LinkNode;
      expect(used['@_Href']).toMatch(new RegExp(`/${expected?.uid}$`));
      expect(used['@_Name']).toBe(
        `${sim().world.vms[planVm.vm]?.name}@${new Date(expected?.creationMs ?? 0).toISOString().slice(0, 19).replace('T', ' ')}`,
      );
    });
    expect(kept.at(-3)?.uid).toBe(
      sim()
        .world.points.forVm(first, now)
        .filter((point) => point.creationMs <= dateMs)
        .at(-1)?.uid,
    );
  });
});

describe('one world behind Enterprise Manager and the Orchestrator', () => {
  const { sim, em } = useSimulator();
  const h = emHelpers(sim, em);
  let token = '';
  let planId = '';

  const vro = async (method: string, path: string, json?: unknown) => {
    const response = await fetch(`${sim().orchestrator.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : undefined) as Record<string, unknown>,
    };
  };
  const vroPlan = async () => (await vro('GET', `/api/v3/Plans/${planId}`)).body;
  /** Moves the clock a minute at a time until the Orchestrator's plan is no longer executing. */
  const vroToEnd = async () => {
    for (let minutes = 0; minutes <= 24 * 60; minutes++) {
      const state = String((await vroPlan()).state);
      if (!state.endsWith('InProgress') && state !== 'Halting') return state;
      h.advance(MINUTE);
    }
    throw new Error('the plan never finished');
  };

  beforeAll(async () => {
    const { username, password } = sim().orchestrator;
    const granted = await fetch(`${sim().orchestrator.url}/api/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username, password }).toString(),
    });
    token = ((await granted.json()) as { access_token: string }).access_token;
    const plans = (await vro('GET', '/api/v3/Plans')).body as unknown as { id: string; name: string }[];
    // The Orchestrator's plans are the world's, one to one, in the same order.
    expect(plans.map((plan) => plan.name)).toEqual(sim().world.plans.map((plan) => plan.name));
    planId = plans[FAILED_OVER_PLAN]?.id ?? '';
  });

  it('shows an Enterprise Manager undo in the Orchestrator as UNDO FAILOVER, in progress and then done', async () => {
    expect(await vroPlan()).toMatchObject({ state: 'Verified' });
    const undo = await h.action(FAILED_OVER_PLAN, 'undo');
    expect(undo.status, undo.text).toBe(202);
    expect(await vroPlan()).toMatchObject({ state: 'UndoFailoverInProgress', stateName: 'UNDO FAILOVER' });
    expect((await vro('POST', `/v2/FailoverPlans/${planId}/Run`, { mode: 'FailoverNow' })).status).toBe(400);
    expect(await vroToEnd()).toBe('UndoFailover');
    expect(await vroPlan()).toMatchObject({ resultName: 'Success', previousExecutionState: 'Verified' });
    expect(h.allIn(await h.replicaStates(FAILED_OVER_PLAN), 'Ready')).toBe(true);
  });

  it('refuses an Orchestrator run while a test started in Enterprise Manager runs, without showing the test', async () => {
    const test = await h.action(FAILED_OVER_PLAN, 'test');
    expect(test.status, test.text).toBe(202);
    const refused = await vro('POST', `/v2/FailoverPlans/${planId}/Run`, { mode: 'FailoverNow' });
    expect(refused.status).toBe(400);
    expect(String(refused.body.message)).toContain('test started in Enterprise Manager');
    expect(await vroPlan()).toMatchObject({ state: 'UndoFailover' });
    await h.sessionToEnd(h.sessionHref(await h.newestSession(FAILED_OVER_PLAN)));
  });

  it('shows an Orchestrator FailoverNow in Enterprise Manager: a new session, and Failover replicas; a second run is refused', async () => {
    await fetch(`${sim().admin.url}/admin/calls`, { method: 'DELETE' });
    const sessionsBefore = sim().world.sessions.length;
    const startedMs = sim().world.clock.now();
    const dateMs = startedMs - 2 * 60 * MINUTE;
    const run = await vro('POST', `/v2/FailoverPlans/${planId}/Run`, {
      mode: 'FailoverNow',
      planLaunchOptions: { restorePointRule: { date: new Date(dateMs).toISOString() } },
    });
    expect(run.status).toBe(200);

    const session = await h.newestSession(FAILED_OVER_PLAN);
    expect(sim().world.sessions).toHaveLength(sessionsBefore + 1);
    expect(session.CreationTimeUTC).toBe(new Date(startedMs).toISOString());
    expect(session.Result).toBe('None');
    // The restore point rule's date picks each VM's newest point before it.
    const used = list<Node>((session.CloudFailoverTasks as Node).CloudFailoverTasks).map(
      (task) => (task.VmReplicaPointLink as LinkNode)['@_Href'],
    );
    expect(used).toEqual(
      h.plan(FAILED_OVER_PLAN).vms.map((planVm) => {
        const before = sim()
          .world.points.forVm(planVm.vm, startedMs)
          .filter((point) => point.creationMs <= dateMs);
        return `${sim().enterpriseManager.url}/api/cloud/vmReplicaPoints/${before.at(-1)?.uid}`;
      }),
    );
    expect(h.allIn(await h.replicaStates(FAILED_OVER_PLAN), 'Failover')).toBe(true);

    // A second run while this one executes: refused by both APIs, and nothing more recorded.
    expectError(await h.action(FAILED_OVER_PLAN, 'start', START_NOW), 400, 'running');
    const again = await vro('POST', `/api/v3/Plans/${planId}/Failover`);
    expect(again.status).toBe(400);
    expect(String(again.body.message)).toContain('in use');
    const calls = (await (await fetch(`${sim().admin.url}/admin/calls`)).json()) as Record<
      string,
      Record<string, number>
    >;
    expect(calls.orchestrator?.['POST /v2/FailoverPlans/{id}/Run']).toBe(1);
    expect(calls.orchestrator?.['POST /api/v3/Plans/{id}/Failover']).toBe(1);
    expect(calls.enterpriseManager?.['POST /api/cloud/cloudFailoverPlans/{id}']).toBe(1);
    expect(
      sim()
        .world.runs.ofPlan(FAILED_OVER_PLAN)
        .filter((r) => r.startMs === startedMs),
    ).toEqual([
      expect.objectContaining({ origin: 'Orchestrator', operation: 'failover', restorePointDateMs: dateMs }),
    ]);

    expect(await vroToEnd()).toBe('Failover');
    const { entity } = await h.sessionToEnd(h.sessionHref(session));
    expect(entity.State).toBe('Stopped');
    const vmTasks = list<Node>((entity.CloudFailoverTasks as Node).CloudFailoverTasks);
    expect(vmTasks).toHaveLength(h.plan(FAILED_OVER_PLAN).vms.length);
    const states = await h.replicaStates(FAILED_OVER_PLAN);
    for (const task of vmTasks) {
      expect(states[String(task['@_VmName'])]).toEqual([task.Result === 'Failed' ? 'Ready' : 'Failover']);
    }
    expect(Object.values(states).flat()).toContain('Failover');
  });

  it('follows a failback and its commit from the Orchestrator into the replicas’ states', async () => {
    const sessions = sim().world.sessions.length;
    expect((await vro('POST', `/v2/FailoverPlans/${planId}/Run`, { mode: 'Failback' })).status).toBe(200);
    expect(Object.values(await h.replicaStates(FAILED_OVER_PLAN)).flat()).toContain('Failback');
    expect(await vroToEnd()).toBe('Failback');
    expect(Object.values(await h.replicaStates(FAILED_OVER_PLAN)).flat()).toContain('Failback');
    // Failback is a replica operation in Veeam Backup & Replication, not a cloud failover plan session.
    expect(sim().world.sessions).toHaveLength(sessions);
    expectError(await h.action(FAILED_OVER_PLAN, 'undo'), 400, 'not failed over');
    expect((await vro('POST', `/v2/FailoverPlans/${planId}/Run`, { mode: 'CommitFailBack' })).status).toBe(
      200,
    );
    expect(await vroToEnd()).toBe('CommitFailback');
    expect(h.allIn(await h.replicaStates(FAILED_OVER_PLAN), 'Ready')).toBe(true);
  });

  it('stops the Enterprise Manager session when the Orchestrator halts the run', async () => {
    expect((await vro('POST', `/v2/FailoverPlans/${planId}/Run`, { mode: 'FailoverNow' })).status).toBe(200);
    const href = h.sessionHref(await h.newestSession(FAILED_OVER_PLAN));
    h.advance(30 * SECOND);
    expect((await vro('POST', `/v2/FailoverPlans/${planId}/Halt`, { fullStop: false })).status).toBe(200);
    expect(await h.session(href)).toMatchObject({ State: 'Stopping', Result: 'None' });
    h.advance(10 * SECOND);
    const halted = await h.session(href);
    expect(halted).toMatchObject({ State: 'Stopped', Result: 'Failed' });
    expect(String(halted.FailureMessage)).toContain('halted');
    expect(await vroPlan()).toMatchObject({ state: 'Halted' });
    // Halted 30 s in, before any VM was done: none of them is failed over.
    expect(h.allIn(await h.replicaStates(FAILED_OVER_PLAN), 'Ready')).toBe(true);
    expect((await vro('POST', `/v2/FailoverPlans/${planId}/Undo`)).status).toBe(200);
    expect(await vroToEnd()).toBe('UndoFailover');
  });

  it('shows an Enterprise Manager start in the Orchestrator, then a permanent failover from there in Enterprise Manager', async () => {
    const start = await h.action(FAILED_OVER_PLAN, 'start', '{"StartNow": true}', 'application/json');
    expect(start.status, start.text).toBe(202);
    expect(await vroPlan()).toMatchObject({ state: 'FailoverInProgress', lastStableState: 'UndoFailover' });
    const details = (await vro('GET', `/api/v3/RuntimeDetails/Plans/${planId}`)).body;
    expect(details.totalProgress).toBeLessThan(100);
    expect(await vroToEnd()).toBe('Failover');
    expect(await vroPlan()).toMatchObject({ resultName: 'Success', previousExecutionState: 'UndoFailover' });
    expect((await vro('GET', `/api/v3/RuntimeDetails/Plans/${planId}`)).body.totalProgress).toBe(100);

    expect(
      (await vro('POST', `/v2/FailoverPlans/${planId}/Run`, { mode: 'PermanentFailoverNow' })).status,
    ).toBe(200);
    const { entity } = await h.sessionToEnd(h.sessionHref(await h.newestSession(FAILED_OVER_PLAN)));
    expect(entity.State).toBe('Stopped');
    expect(await vroToEnd()).toBe('PermanentFailover');
    expect(h.allIn(await h.replicaStates(FAILED_OVER_PLAN), 'PermanentFailover')).toBe(true);
    expectError(await h.action(FAILED_OVER_PLAN, 'start', START_NOW), 400, 'PermanentFailover');
    expectError(await h.action(FAILED_OVER_PLAN, 'undo'), 400, 'not failed over');
  });
});
