import { Plan, type PlanAction } from '@lifeboat/shared';
import { startSimulator } from '@lifeboat/veeam-sim';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActionParams, Connector, SourceSettings } from '../connector.ts';
import {
  advanceClock,
  countCalls,
  injectFault,
  resetSimulator,
  type Fault,
  type Sim,
} from '../testing/simulator.ts';
import { failure } from '../testing/upstream-failure.ts';
import { orchestrator } from './connector.ts';
import { v2, v3 } from './dialect.ts';

const HOUR = 60 * 60_000;
const TIER1 = 'UCM Company Tier 1 Failover Plan';
const TIER2 = 'UCM Company Tier 2 Failover Plan';
const MARGIE2 = "Margie's Travel Tier 2 Failover Plan";
const PLAN_ID = 'b8517d70-028d-4740-a130-787e164a3d83';
const LOCATION = 'ad19ae02-2760-4b38-acee-e1d459b97555';

describe('the request each Orchestrator generation takes for each action', () => {
  const latest: ActionParams = { restorePoint: { latest: true }, executeChainedPlans: false };
  const before: ActionParams = {
    restorePoint: { before: '2026-11-29T23:00:00+01:00' },
    executeChainedPlans: true,
  };
  const failback: ActionParams = { restoreLocationId: LOCATION.toUpperCase(), failbackRestoreVMTags: false };

  it('v2: Run with a mode and launch options (CommitFailBack with its capital B), Undo without a body', () => {
    const at = (action: PlanAction, params: ActionParams = {}) => v2.actionRequest(PLAN_ID, action, params);
    const run = `/v2/FailoverPlans/${PLAN_ID}/Run`;
    expect(at('failover', latest)).toEqual({
      path: run,
      body: { mode: 'FailoverNow', planLaunchOptions: { executeChainedPlans: false } },
    });
    expect(at('failover', before)).toEqual({
      path: run,
      body: {
        mode: 'FailoverNow',
        planLaunchOptions: {
          restorePointRule: { date: '2026-11-29T22:00:00.000Z' },
          executeChainedPlans: true,
        },
      },
    });
    expect(at('failback', failback)).toEqual({
      path: run,
      body: {
        mode: 'Failback',
        planLaunchOptions: { failbackRestoreVMTags: false, recoveryLocationId: LOCATION },
      },
    });
    // The shared request's defaults: VM tags restored, the original location.
    expect(at('failback')).toEqual({
      path: run,
      body: { mode: 'Failback', planLaunchOptions: { failbackRestoreVMTags: true } },
    });
    expect(at('commitFailback')).toEqual({ path: run, body: { mode: 'CommitFailBack' } });
    expect(at('undoFailover')).toEqual({ path: `/v2/FailoverPlans/${PLAN_ID}/Undo` });
    expect(at('undoFailback')).toEqual({ path: `/v2/FailoverPlans/${PLAN_ID}/Undo` });
  });

  it('v3: one resource per action, the restore point date null for the latest', () => {
    const at = (action: PlanAction, params: ActionParams = {}) => v3.actionRequest(PLAN_ID, action, params);
    const plan = `/api/v3/Plans/${PLAN_ID}`;
    expect(at('failover', latest)).toEqual({
      path: `${plan}/Failover`,
      body: { executeChainedPlans: false, restorePointDate: null, protectStorageVolumes: false },
    });
    expect(at('failover', before)).toEqual({
      path: `${plan}/Failover`,
      body: {
        executeChainedPlans: true,
        restorePointDate: '2026-11-29T22:00:00.000Z',
        protectStorageVolumes: false,
      },
    });
    expect(at('failback', failback)).toEqual({
      path: `${plan}/FailbackToProduction`,
      body: { restoreLocationId: LOCATION, failbackRestoreVMTags: false },
    });
    expect(at('commitFailback')).toEqual({ path: `${plan}/CommitFailback` });
    expect(at('undoFailover')).toEqual({ path: `${plan}/Undo` });
    expect(at('undoFailback')).toEqual({ path: `${plan}/Undo` });
  });

  it.each([
    ['a plan id that is not a GUID', '../x', {}],
    ['a restore location that is not a GUID', PLAN_ID, { restoreLocationId: '../../x' }],
    ['a restore point time without its zone', PLAN_ID, { restorePoint: { before: '2026-11-29T23:00:00' } }],
    ['a restore point time that is no time', PLAN_ID, { restorePoint: { before: 'yesterday' } }],
  ])('refuses %s before anything is built', (_what, id, params: ActionParams) => {
    for (const d of [v2, v3]) {
      const action: PlanAction = params.restoreLocationId ? 'failback' : 'failover';
      let err: unknown;
      try {
        d.actionRequest(id, action, params);
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({ code: 'invalid_id' });
    }
  });
});

describe.each([
  {
    generation: 'v3' as const,
    running: {
      failover: 'FailoverInProgress',
      failback: 'FailbackInProgress',
      commit: 'CommitFailbackInProgress',
    },
    action: (verb: string) => `POST /api/v3/Plans/{id}/${verb}`,
  },
  {
    generation: 'v2' as const,
    // v2 shows any executing state as VAO's Processing.
    running: { failover: 'Processing', failback: 'Processing', commit: 'Processing' },
    action: (verb: string) =>
      verb === 'Undo' ? 'POST /v2/FailoverPlans/{id}/Undo' : 'POST /v2/FailoverPlans/{id}/Run',
  },
])('Orchestrator plan actions through the $generation API', ({ generation, running, action }) => {
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
    await resetSimulator(sim);
    connector = connect();
  });

  function connect(overrides: Partial<SourceSettings> = {}, apiGeneration: string = generation) {
    return orchestrator.create(
      {
        id: 'vro-test',
        kind: 'orchestrator',
        name: 'VRO',
        url: sim.orchestrator.url,
        username: sim.orchestrator.username,
        password: sim.orchestrator.password,
        timeoutSeconds: 5,
        maxResponseBytes: 8 * 1024 * 1024,
        ...overrides,
      },
      orchestrator.settings.parse({ apiGeneration }),
    );
  }

  const fault = (f: Fault) => injectFault(sim, 'orchestrator', f);
  const calls = (prefix: string) => countCalls(sim, 'orchestrator', prefix);
  const template = (verb: string) => action(verb).slice('POST '.length);

  async function planNamed(name: string) {
    const plan = (await connector.fetchInventory()).plans?.find((p) => p.name === name);
    expect(plan, name).toBeDefined();
    return plan!;
  }

  /** Runs an action through the connector: exactly one POST reaches the upstream for it. */
  async function run(id: string, a: PlanAction, verb: string, params: ActionParams = {}) {
    const before = await calls(action(verb));
    const receipt = await connector.runPlanAction!(id, a, params);
    expect(receipt).toEqual({ status: 200, excerpt: '', correlation: null });
    expect((await calls(action(verb))) - before).toBe(1);
  }

  /** The plan now: read fresh, as the dispatch guard and reconciliation read it. */
  const read = (id: string) => connector.readPlan!(id);

  it('reads one plan now with one call, exactly as a poll shows it', async () => {
    const polled = (await connector.fetchInventory()).plans!;
    await fetch(`${sim.admin.url}/admin/calls`, { method: 'DELETE' });
    for (const plan of polled) expect(await read(plan.ref.nativeId)).toEqual(plan);
    expect(await calls('GET')).toBe(polled.length);
    expect(await read(polled[0]!.ref.nativeId.toUpperCase())).toEqual(polled[0]);
  });

  it('fails a plan over, back and commits: each action one POST, the plan running, then in its target state', async () => {
    const { ref } = await planNamed(TIER1);
    const id = ref.nativeId;
    await run(id, 'failover', generation === 'v3' ? 'Failover' : 'Run', {
      restorePoint: { latest: true },
      executeChainedPlans: false,
    });
    let plan = await read(id);
    expect(plan).toMatchObject({ state: 'running', nativeState: running.failover, result: 'none' });
    // A running plan reads as a poll shows it too (v3: with its runtime details).
    expect(plan).toEqual(await planNamed(TIER1));
    expect(() => Plan.parse(plan)).not.toThrow();
    if (generation === 'v3') expect(plan.vms).toHaveLength(3);
    await advanceClock(sim, HOUR);
    plan = await read(id);
    expect(plan).toMatchObject({ state: 'failed_over', nativeState: 'Failover', result: 'success' });
    expect(plan.allowedActions.find((a) => a.action === 'failback')?.allowed).toBe(true);

    await run(id, 'failback', generation === 'v3' ? 'FailbackToProduction' : 'Run', {
      restoreLocationId: LOCATION,
      failbackRestoreVMTags: true,
    });
    expect(await read(id)).toMatchObject({ state: 'running', nativeState: running.failback });
    await advanceClock(sim, HOUR);
    expect(await read(id)).toMatchObject({ state: 'failed_back', nativeState: 'Failback' });

    await run(id, 'commitFailback', generation === 'v3' ? 'CommitFailback' : 'Run');
    expect(await read(id)).toMatchObject({ state: 'running', nativeState: running.commit });
    await advanceClock(sim, HOUR);
    expect(await read(id)).toMatchObject({ state: 'ready', nativeState: 'CommitFailback' });
  });

  it('undoes a failover, and a failback, each with one POST to Undo', async () => {
    const { ref } = await planNamed(TIER2);
    const id = ref.nativeId;
    await run(id, 'failover', generation === 'v3' ? 'Failover' : 'Run', {
      restorePoint: { before: new Date(Date.now() + HOUR).toISOString() },
    });
    await advanceClock(sim, HOUR);
    expect(await read(id)).toMatchObject({ state: 'failed_over', nativeState: 'Failover' });
    await run(id, 'undoFailover', 'Undo');
    expect((await read(id)).state).toBe('running');
    await advanceClock(sim, HOUR);
    expect(await read(id)).toMatchObject({ state: 'ready', nativeState: 'UndoFailover' });

    await run(id, 'failover', generation === 'v3' ? 'Failover' : 'Run');
    await advanceClock(sim, HOUR);
    await read(id);
    await run(id, 'failback', generation === 'v3' ? 'FailbackToProduction' : 'Run');
    await advanceClock(sim, HOUR);
    expect((await read(id)).state).toBe('failed_back');
    await run(id, 'undoFailback', 'Undo');
    expect((await read(id)).state).toBe('running');
    await advanceClock(sim, HOUR);
    expect(await read(id)).toMatchObject({ state: 'failed_over', nativeState: 'UndoFailback' });
  });

  it("passes on the upstream's refusal of an action the plan's state does not allow, with its message and status", async () => {
    const { ref } = await planNamed(MARGIE2);
    const verb = generation === 'v3' ? 'CommitFailback' : 'Run';
    const err = await failure(connector.runPlanAction!(ref.nativeId, 'commitFailback', {}));
    expect([err.code, err.status]).toEqual(['http_status', 400]);
    expect(err.message).toBe(
      `Recovery Orchestrator refused the action: Cannot run commit failback for plan "${MARGIE2}" in state VERIFIED.`,
    );
    expect(await calls(action(verb))).toBe(1);
    const undo = await failure(connector.runPlanAction!(ref.nativeId, 'undoFailover', {}));
    expect([undo.code, undo.status]).toEqual(['http_status', 400]);
    expect(undo.message).toMatch(/^Recovery Orchestrator refused the action: Cannot undo plan/);
    expect(await calls(action('Undo'))).toBe(1);
  });

  it('passes on a 5xx as a refusal with its status, and sends nothing again', async () => {
    const { ref } = await planNamed(MARGIE2);
    const verb = generation === 'v3' ? 'Failover' : 'Run';
    await fault({ status: 503, path: template(verb), count: 1 });
    const err = await failure(connector.runPlanAction!(ref.nativeId, 'failover', {}));
    expect([err.code, err.status]).toEqual(['http_status', 503]);
    expect(err.message).toMatch(/^Recovery Orchestrator refused the action: /);
    expect(await calls(action(verb))).toBe(1);
    expect((await read(ref.nativeId)).state).toBe('ready');
  });

  it('when the action hangs: a timeout without a status, after exactly one POST', async () => {
    const quick = connect({ timeoutSeconds: 1 });
    try {
      const id = (await quick.fetchInventory()).plans!.find((p) => p.name === MARGIE2)!.ref.nativeId;
      const verb = generation === 'v3' ? 'Failover' : 'Run';
      await fault({ hang: true, path: template(verb), count: 1 });
      const started = Date.now();
      const err = await failure(quick.runPlanAction!(id, 'failover', {}));
      expect([err.code, err.status]).toEqual(['timeout', undefined]);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await calls(action(verb))).toBe(1);
    } finally {
      await quick.close();
    }
  });

  it('when the upstream answers 401 to the action: auth_failed, and the action is not sent again', async () => {
    const { ref } = await planNamed(MARGIE2);
    const tokens = await calls('POST /api/token');
    await fault({ expireSessions: true });
    const verb = generation === 'v3' ? 'Failover' : 'Run';
    const err = await failure(connector.runPlanAction!(ref.nativeId, 'failover', {}));
    expect([err.code, err.status]).toEqual(['auth_failed', 401]);
    expect(err.message).toMatch(/not sent again/);
    expect(await calls(action(verb))).toBe(1);
    expect(await calls('POST /api/token')).toBe(tokens);
    // The next read signs in again; the plan did not move.
    expect((await read(ref.nativeId)).state).toBe('ready');
    expect(await calls(action(verb))).toBe(1);
  });

  it("signs in again before an operator's retry of an action the upstream refused with 401", async () => {
    const { ref } = await planNamed(MARGIE2);
    await fault({ expireSessions: true });
    const verb = generation === 'v3' ? 'Failover' : 'Run';
    expect((await failure(connector.runPlanAction!(ref.nativeId, 'failover', {}))).status).toBe(401);
    const tokens = await calls('POST /api/token');
    // No read in between: the retry itself must not reuse the token that was refused.
    await connector.runPlanAction!(ref.nativeId, 'failover', {});
    expect(await calls('POST /api/token')).toBe(tokens + 1);
    expect(await calls(action(verb))).toBe(2);
  });

  it('refuses an id or a parameter that is not what it must be, before anything is sent', async () => {
    const { ref } = await planNamed(MARGIE2);
    await fetch(`${sim.admin.url}/admin/calls`, { method: 'DELETE' });
    for (const id of ['../../x', 'a%2Fb', `${ref.nativeId}/Failover`, '', ` ${ref.nativeId}`]) {
      expect((await failure(connector.runPlanAction!(id, 'failover', {}))).code).toBe('invalid_id');
      expect((await failure(connector.readPlan!(id))).code).toBe('invalid_id');
    }
    const badLocation = connector.runPlanAction!(ref.nativeId, 'failback', { restoreLocationId: 'x/../y' });
    expect((await failure(badLocation)).code).toBe('invalid_id');
    const badTime = connector.runPlanAction!(ref.nativeId, 'failover', { restorePoint: { before: 'now' } });
    expect((await failure(badTime)).code).toBe('invalid_id');
    expect(await calls('')).toBe(0);
  });

  it('says not_found for a plan the upstream does not have', async () => {
    const err = await failure(connector.readPlan!('00000000-0000-4000-8000-000000000000'));
    expect([err.code, err.status]).toEqual(['not_found', 404]);
  });
});

describe('Orchestrator actions under `auto`', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, speed: 0 });
  });
  afterAll(() => sim.close());

  it('finds the generation as a poll does (one list read) before the first read or action, then keeps it', async () => {
    const settings = {
      id: 'vro-test',
      kind: 'orchestrator',
      name: 'VRO',
      url: sim.orchestrator.url,
      username: sim.orchestrator.username,
      password: sim.orchestrator.password,
      timeoutSeconds: 5,
      maxResponseBytes: 8 * 1024 * 1024,
    };
    const v2only = orchestrator.create(settings, orchestrator.settings.parse({ apiGeneration: 'v2' }));
    const id = (await v2only.fetchInventory()).plans!.find((p) => p.name === TIER2)!.ref.nativeId;
    await v2only.close();
    await resetSimulator(sim);
    const c = orchestrator.create(settings, orchestrator.settings.parse({}));
    try {
      await injectFault(sim, 'orchestrator', { status: 404, path: '/api/v3/Plans', count: 1 });
      expect((await c.readPlan!(id)).ref.kind).toBe('FailoverPlan');
      expect((await c.runPlanAction!(id, 'failover', {})).status).toBe(200);
      expect(await countCalls(sim, 'orchestrator', 'GET /api/v3/Plans')).toBe(1);
      expect(await countCalls(sim, 'orchestrator', 'GET /v2/FailoverPlans')).toBe(2);
      expect(await countCalls(sim, 'orchestrator', 'POST /v2/FailoverPlans/{id}/Run')).toBe(1);
      expect(await countCalls(sim, 'orchestrator', 'POST /api/v3/')).toBe(0);
    } finally {
      await c.close();
    }
  });
});
