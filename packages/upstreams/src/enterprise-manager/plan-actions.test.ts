import { Plan } from '@lifeboat/shared';
import { startSimulator } from '@lifeboat/veeam-sim';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceSettings } from '../connector.ts';
import {
  advanceClock,
  countCalls,
  injectFault,
  resetSimulator,
  useHostileNames,
  type Fault,
  type Sim,
} from '../testing/simulator.ts';
import { failure } from '../testing/upstream-failure.ts';
import { planActionRequest } from './actions.ts';
import {
  createEnterpriseManagerConnector,
  enterpriseManager,
  type EnterpriseManagerConnector,
} from './connector.ts';

const HOUR = 60 * 60_000;
const PLAN_ID = 'e7ca6822-a87f-443d-8aae-8005970543bf';
/** What the simulator counts a plan action under (the plan's GET shares the template). */
const ACTION = 'POST /api/cloud/cloudFailoverPlans/{id}';
const SPEC_HEAD =
  '<?xml version="1.0" encoding="utf-8"?>\n<CloudFailoverPlanManagementSpec xmlns="http://www.veeam.com/ent/v1.0">';

describe('the request Enterprise Manager takes for each action', () => {
  it('failover is action=start with StartNow, or StartDate for the latest point before a time', () => {
    expect(planActionRequest(PLAN_ID.toUpperCase(), 'failover', { restorePoint: { latest: true } })).toEqual({
      path: `/api/cloud/cloudFailoverPlans/${PLAN_ID}?action=start`,
      body: {
        contentType: 'application/xml',
        text: `${SPEC_HEAD}<StartNow>true</StartNow></CloudFailoverPlanManagementSpec>`,
      },
    });
    expect(
      planActionRequest(PLAN_ID, 'failover', {
        restorePoint: { before: '2015-12-29T15:13:37.7418767Z' },
        executeChainedPlans: true,
      }).body?.text,
    ).toBe(`${SPEC_HEAD}<StartDate>2015-12-29T15:13:37.741Z</StartDate></CloudFailoverPlanManagementSpec>`);
  });

  it('undo failover is action=undo without a body; the failback actions do not exist for cloud failover plans', () => {
    expect(planActionRequest(PLAN_ID, 'undoFailover', {})).toEqual({
      path: `/api/cloud/cloudFailoverPlans/${PLAN_ID}?action=undo`,
    });
    for (const action of ['failback', 'commitFailback', 'undoFailback'] as const) {
      let err: unknown;
      try {
        planActionRequest(PLAN_ID, action, {});
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({ code: 'http_status', status: 400 });
      expect((err as Error).message).toMatch(
        /^Enterprise Manager cloud failover plans have no .*nothing was sent$/,
      );
    }
  });
});

describe('Enterprise Manager plan reads and actions against the simulator', () => {
  let sim: Sim;
  let connector: EnterpriseManagerConnector;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, speed: 0 });
    // The seeded history ends with every plan failed over once its last runs have finished.
    await advanceClock(sim, 6 * HOUR);
  });
  afterAll(async () => {
    await connector?.close();
    await sim.close();
  });
  beforeEach(async () => {
    await connector?.close();
    await resetSimulator(sim);
    connector = connect();
  });

  function connect(overrides: Partial<SourceSettings> = {}) {
    return createEnterpriseManagerConnector(
      {
        id: 'em-test',
        kind: 'enterprise-manager',
        name: 'EM',
        url: sim.enterpriseManager.url,
        username: sim.enterpriseManager.username,
        password: sim.enterpriseManager.password,
        timeoutSeconds: 5,
        maxResponseBytes: 8 * 1024 * 1024,
        timing: { logonBackoffMs: 500, breakerHalfOpenMs: 200 },
        ...overrides,
      },
      enterpriseManager.settings.parse({ pageSize: 500 }),
    );
  }

  const fault = (f: Fault) => injectFault(sim, 'enterpriseManager', f);
  const calls = (prefix: string) => countCalls(sim, 'enterpriseManager', prefix);
  const clearCalls = () => fetch(`${sim.admin.url}/admin/calls?api=enterpriseManager`, { method: 'DELETE' });
  const polledPlans = async () => (await connector.fetchInventory()).plans!;

  /** A plan in a state, with VMs. */
  async function planIn(state: 'ready' | 'failed_over') {
    const plan = (await polledPlans()).find((p) => p.state === state && (p.vmCount ?? 0) > 0);
    expect(plan, state).toBeDefined();
    return plan!;
  }

  /** A plan that can fail over now: one failed over, undone. */
  async function readyPlan() {
    const { ref } = await planIn('failed_over');
    await run(ref.nativeId, 'undoFailover');
    await advanceClock(sim, 3 * HOUR);
    expect((await connector.readPlan!(ref.nativeId)).state).toBe('ready');
    return ref.nativeId;
  }

  /** Runs an action through the connector: exactly one POST reaches the upstream for it. */
  async function run(id: string, action: 'failover' | 'undoFailover', before?: string) {
    const posts = await calls(ACTION);
    const receipt = await connector.runPlanAction!(
      id,
      action,
      before ? { restorePoint: { before } } : { restorePoint: { latest: true } },
    );
    expect((await calls(ACTION)) - posts).toBe(1);
    expect(receipt.status).toBe(202);
    expect(receipt.correlation).toMatch(/^task-\d+$/);
    expect(receipt.excerpt).toMatch(/^<\?xml[\s\S]*<Task [\s\S]*<TaskId>task-\d+<\/TaskId>/);
    return receipt.correlation!;
  }

  it('reads one plan now, as a poll shows it, from its own sessions and points only', async () => {
    const polled = await polledPlans();
    expect(polled.length).toBeGreaterThan(1);
    for (const plan of polled) expect(await connector.readPlan!(plan.ref.nativeId)).toEqual(plan);
    await clearCalls();
    await connector.readPlan!(polled[0]!.ref.nativeId.toUpperCase());
    // The plan, then three filtered queries: namesakes, its sessions, its VMs' points.
    expect(await calls('GET /api/cloud/cloudFailoverPlans/{id}')).toBe(1);
    expect(await calls('GET /api/query')).toBe(3);
  });

  it('reads as a poll does when names cannot be asked for (quotes in them), and gets the same plan', async () => {
    await useHostileNames(sim, true);
    try {
      const polled = await polledPlans();
      const quoted = polled.filter((p) => p.name.includes('"') || p.vms.some((vm) => vm.name.includes('"')));
      expect(quoted.length).toBeGreaterThan(0);
      for (const plan of polled) expect(await connector.readPlan!(plan.ref.nativeId)).toEqual(plan);
    } finally {
      await useHostileNames(sim, false);
    }
  });

  it('reads as a poll does when the query service refuses the filter (400)', async () => {
    const plan = (await polledPlans())[0]!;
    await fault({ status: 400, path: '/api/query', count: 1 });
    expect(await connector.readPlan!(plan.ref.nativeId)).toEqual(plan);
  });

  it('undoes a failover and fails the plan over again: one POST each, a task to follow, running, then the target state', async () => {
    const { ref, name } = await planIn('failed_over');
    const id = ref.nativeId;
    const undo = await run(id, 'undoFailover');
    let plan = await connector.readPlan!(id);
    expect(plan).toMatchObject({ state: 'running', result: 'none' });
    // A running plan reads as a poll shows it too (its session's state and progress).
    expect(plan).toEqual((await polledPlans()).find((p) => p.ref.nativeId === id));
    expect(() => Plan.parse(plan)).not.toThrow();
    expect(plan.allowedActions.filter((a) => a.allowed)).toEqual([]);
    expect(await connector.readTask(undo)).toMatchObject({
      id: undo,
      state: 'Running',
      operation: 'UndoCloudFailoverPlan',
      success: null,
      failoverSessionId: null,
    });
    await advanceClock(sim, 3 * HOUR);
    expect(await connector.readPlan!(id)).toMatchObject({ state: 'ready', nativeState: 'Ready' });
    expect(await connector.readTask(undo)).toMatchObject({ state: 'Finished', success: true, message: 'Ok' });

    const task = await run(id, 'failover');
    expect(task).not.toBe(undo);
    expect((await connector.readPlan!(id)).state).toBe('running');
    expect(await connector.readTask(task)).toMatchObject({
      state: 'Running',
      operation: 'StartCloudFailoverPlan',
    });
    await advanceClock(sim, 3 * HOUR);
    const finished = await connector.readTask(task);
    expect(finished).toMatchObject({ state: 'Finished', success: true, message: 'Ok' });
    expect(finished.failoverSessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await connector.getFailoverSession!(finished.failoverSessionId!)).toMatchObject({
      planName: name,
      state: 'stopped',
    });
    plan = await connector.readPlan!(id);
    expect(plan).toMatchObject({ state: 'failed_over', nativeState: 'Failover' });
    expect(plan.allowedActions.find((a) => a.action === 'undoFailover')?.allowed).toBe(true);
  });

  it('fails over to the latest restore points before a time (StartDate)', async () => {
    const id = await readyPlan();
    const { vms } = await connector.readPlan!(id);
    const vm = vms[0]!.name;
    // A time between the VM's two newest points: the failover must take the older one.
    const points = (await connector.fetchInventory()).replicaPoints!.filter((p) => p.vmName === vm);
    const times = points.map((p) => Date.parse(p.pointTime)).sort((x, y) => x - y);
    expect(times.length).toBeGreaterThan(1);
    const [second, newest] = times.slice(-2) as [number, number];
    const task = await run(id, 'failover', new Date((second + newest) / 2).toISOString());
    await advanceClock(sim, 3 * HOUR);
    const { failoverSessionId } = await connector.readTask(task);
    const session = await connector.getFailoverSession!(failoverSessionId!);
    const used = session.vms.find((v) => v.vmName === vm)?.restorePoint;
    const usedPoint = points.find((p) => p.ref.nativeId === used?.nativeId);
    expect(usedPoint && Date.parse(usedPoint.pointTime)).toBe(second);
  });

  it("passes on the upstream's refusal of an action the plan's state does not allow, with its message and status", async () => {
    const { ref, name } = await planIn('failed_over');
    const err = await failure(connector.runPlanAction!(ref.nativeId, 'failover', {}));
    expect([err.code, err.status]).toEqual(['http_status', 400]);
    expect(err.message).toMatch(
      new RegExp(
        `^Enterprise Manager refused the action: Cannot start cloud failover plan "${name}": the replica of \\S+ is in state Failover, not Ready\\.$`,
      ),
    );
    expect(await calls(ACTION)).toBe(1);
  });

  it('refuses the failback actions, which cloud failover plans do not have, without sending anything', async () => {
    const { ref } = await planIn('failed_over');
    await clearCalls();
    for (const action of ['failback', 'commitFailback', 'undoFailback'] as const) {
      const err = await failure(connector.runPlanAction!(ref.nativeId, action, {}));
      expect([err.code, err.status]).toEqual(['http_status', 400]);
    }
    expect(await calls('')).toBe(0);
  });

  it('when the action hangs: a timeout without a status, after exactly one POST', async () => {
    const quick = connect({ timeoutSeconds: 1 });
    try {
      const { ref } = await planIn('failed_over');
      await fault({ hang: true, path: '/api/cloud/cloudFailoverPlans/{id}', count: 1 });
      const started = Date.now();
      const err = await failure(quick.runPlanAction!(ref.nativeId, 'undoFailover', {}));
      expect([err.code, err.status]).toEqual(['timeout', undefined]);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await calls(ACTION)).toBe(1);
    } finally {
      await quick.close();
    }
  });

  it('when the upstream answers 401 to the action: auth_failed, and the action is not sent again', async () => {
    const { ref } = await planIn('failed_over');
    const logons = await calls('POST /api/sessionMngr');
    await fault({ expireSessions: true });
    const err = await failure(connector.runPlanAction!(ref.nativeId, 'undoFailover', {}));
    expect([err.code, err.status]).toEqual(['auth_failed', 401]);
    expect(err.message).toMatch(/not sent again/);
    expect(await calls(ACTION)).toBe(1);
    expect(await calls('POST /api/sessionMngr')).toBe(logons);
    // The next read logs on again; the plan did not move.
    expect((await connector.readPlan!(ref.nativeId)).state).toBe('failed_over');
    expect(await calls(ACTION)).toBe(1);
  });

  it("logs on again before an operator's retry of an action the upstream refused with 401", async () => {
    const { ref } = await planIn('failed_over');
    await fault({ expireSessions: true });
    expect((await failure(connector.runPlanAction!(ref.nativeId, 'undoFailover', {}))).status).toBe(401);
    const logons = await calls('POST /api/sessionMngr');
    // No read in between: the retry itself must not reuse the session that was refused.
    await connector.runPlanAction!(ref.nativeId, 'undoFailover', {});
    expect(await calls('POST /api/sessionMngr')).toBe(logons + 1);
    expect(await calls(ACTION)).toBe(2);
  });

  it('loses a task with the logon session that started it; the plan still tells how the run goes', async () => {
    const { ref } = await planIn('failed_over');
    const task = await run(ref.nativeId, 'undoFailover');
    await fault({ expireSessions: true });
    const err = await failure(connector.readTask(task));
    expect([err.code, err.status]).toEqual(['not_found', 404]);
    expect((await connector.readPlan!(ref.nativeId)).state).toBe('running');
    await advanceClock(sim, 3 * HOUR);
    expect((await connector.readPlan!(ref.nativeId)).state).toBe('ready');
  });

  it('refuses an id or a time that is not what it must be, before anything is sent', async () => {
    const { ref } = await planIn('failed_over');
    await clearCalls();
    for (const id of ['../../x', 'a%2Fb', `${ref.nativeId}?action=start`, '', ` ${ref.nativeId}`]) {
      expect((await failure(connector.runPlanAction!(id, 'failover', {}))).code).toBe('invalid_id');
      expect((await failure(connector.runPlanAction!(id, 'failback', {}))).code).toBe('invalid_id');
      expect((await failure(connector.readPlan!(id))).code).toBe('invalid_id');
    }
    for (const id of ['../x', 'task-1/../..', 'task-', '']) {
      expect((await failure(connector.readTask(id))).code).toBe('invalid_id');
    }
    const badTime = connector.runPlanAction!(ref.nativeId, 'failover', { restorePoint: { before: 'now' } });
    expect((await failure(badTime)).code).toBe('invalid_id');
    expect(await calls('')).toBe(0);
  });

  it('says not_found for a plan the upstream does not have', async () => {
    const err = await failure(connector.readPlan!('00000000-0000-4000-8000-000000000000'));
    expect([err.code, err.status]).toEqual(['not_found', 404]);
  });
});
