// The simulated Recovery Orchestrator, driven over HTTP as Veeam documents it: OAuth tokens, the v2
// FailoverPlans and v3 Plans families over the same plans, and each plan's state machine on a frozen
// world clock that the tests move forward (no sleeps).

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../src/fault-injection/api-server.ts';
import { startOrchestratorServer } from '../src/orchestrator/orchestrator-server.ts';
import { plansFromWorld } from '../src/orchestrator/plans-from-world.ts';
import { runTimeline } from '../src/orchestrator/run-timeline.ts';
import { createWorld, type World } from '../src/world/world.ts';

const USER = 'vro\\administrator';
const PASSWORD = 'Password1';
const MINUTE = 60_000;
const EPOCH = new Date('2026-03-02T08:00:00Z');

/** The fields these tests read, from whichever answer carries them (tokens, errors, plans, runtime details). */
interface Body {
  access_token: string;
  refresh_token: string;
  error: string;
  message: string;
  id: string;
  state: string;
  recoveryLocationId: string;
  scheduleTime: string;
  totalProgress: number;
  currentRunResult: boolean;
  vms: { state: string; resultName: string; steps: { stepName: string }[] }[];
}

interface Answer<T = Body> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

async function call<T = Body>(
  base: string,
  method: string,
  path: string,
  init: { token?: string; json?: unknown; raw?: string; type?: string } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (init.token !== undefined) headers.Authorization = `Bearer ${init.token}`;
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.raw;
  if (body !== undefined) headers['Content-Type'] = init.type ?? 'application/json';
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
  };
}

function tokenRequest(base: string, form: Record<string, string>, path = '/api/token'): Promise<Answer> {
  return call(base, 'POST', path, {
    raw: new URLSearchParams(form).toString(),
    type: 'application/x-www-form-urlencoded',
  });
}

async function logIn(base: string): Promise<string> {
  const answer = await tokenRequest(base, { grant_type: 'password', username: USER, password: PASSWORD });
  expect(answer.status).toBe(200);
  return answer.body.access_token;
}

/** A request body as the seed document prints it, with its placeholders filled in. */
function seedBody(file: string, startsWith: string, fill: (text: string) => string): unknown {
  const line = readFileSync(new URL(`./fixtures/veeam-examples/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .find((candidate) => candidate.trimStart().startsWith(startsWith));
  if (!line) throw new Error(`no line starting with ${startsWith} in ${file}`);
  return JSON.parse(fill(line.replace(/\s*\|\s*$/, '')));
}

describe('Orchestrator tokens', () => {
  let world: World;
  let server: ApiServer;
  beforeAll(async () => {
    world = createWorld({ seed: 1, speed: 0, epoch: EPOCH });
    server = await startOrchestratorServer(world, {
      host: '127.0.0.1',
      port: 0,
      username: USER,
      password: PASSWORD,
    });
  });
  afterAll(() => server.close());

  it('grants a bearer token for a password grant at /api/token, shaped like Veeam’s example', async () => {
    const answer = await tokenRequest(server.url, {
      grant_type: 'password',
      username: USER,
      password: PASSWORD,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 899,
      refresh_token: expect.any(String),
    });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const plans = await call(server.url, 'GET', '/v2/FailoverPlans', { token: answer.body.access_token });
    expect(plans.status).toBe(200);
  });

  it('also serves the VAO 4 path /token and takes the account name in any case', async () => {
    const answer = await tokenRequest(
      server.url,
      { grant_type: 'password', username: 'VRO\\Administrator', password: PASSWORD },
      '/token',
    );
    expect(answer.status).toBe(200);
  });

  it('answers OAuth errors with 400 for bad credentials, unknown grants and non-form bodies', async () => {
    const wrong = await tokenRequest(server.url, {
      grant_type: 'password',
      username: USER,
      password: 'nope',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });
    const grant = await tokenRequest(server.url, { grant_type: 'client_credentials' });
    expect(grant.body.error).toBe('unsupported_grant_type');
    const missing = await tokenRequest(server.url, { grant_type: 'password', username: USER });
    expect(missing.body.error).toBe('invalid_request');
    const asJson = await call(server.url, 'POST', '/api/token', {
      json: { grant_type: 'password', username: USER, password: PASSWORD },
    });
    expect([asJson.status, asJson.body.error]).toEqual([400, 'invalid_request']);
  });

  it('refuses API calls without a valid bearer token with 401', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const answer = await call(server.url, 'GET', '/api/v3/Plans', { token });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
      expect(answer.body).toEqual({ message: 'Authorization has been denied for this request.' });
    }
  });

  it('rotates the refresh token on a refresh grant: the old one stops working', async () => {
    const first = await tokenRequest(server.url, {
      grant_type: 'password',
      username: USER,
      password: PASSWORD,
    });
    const second = await tokenRequest(server.url, {
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token,
    });
    expect(second.status).toBe(200);
    expect(second.body.access_token).not.toBe(first.body.access_token);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    expect((await call(server.url, 'GET', '/api/v3/Plans', { token: second.body.access_token })).status).toBe(
      200,
    );
    const replay = await tokenRequest(server.url, {
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token,
    });
    expect([replay.status, replay.body.error]).toEqual([400, 'invalid_grant']);
  });

  it('expires access tokens after 15 minutes and refresh tokens after 120 on the world clock', async () => {
    const granted = await tokenRequest(server.url, {
      grant_type: 'password',
      username: USER,
      password: PASSWORD,
    });
    world.clock.advance(15 * MINUTE - 1);
    expect(
      (await call(server.url, 'GET', '/v2/FailoverPlans', { token: granted.body.access_token })).status,
    ).toBe(200);
    world.clock.advance(1);
    expect(
      (await call(server.url, 'GET', '/v2/FailoverPlans', { token: granted.body.access_token })).status,
    ).toBe(401);
    const refreshed = await tokenRequest(server.url, {
      grant_type: 'refresh_token',
      refresh_token: granted.body.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    world.clock.advance(120 * MINUTE);
    const late = await tokenRequest(server.url, {
      grant_type: 'refresh_token',
      refresh_token: refreshed.body.refresh_token,
    });
    expect([late.status, late.body.error]).toEqual([400, 'invalid_grant']);
  });

  it('logs every client out when the admin API expires sessions', async () => {
    const token = await logIn(server.url);
    await server.applyFaults({ api: 'orchestrator', expireSessions: true });
    expect((await call(server.url, 'GET', '/v2/FailoverPlans', { token })).status).toBe(401);
  });
});

describe('Orchestrator plans', () => {
  let world: World;
  let server: ApiServer;
  let token: string;
  /** The v3 plans in world order: plan 0 fails over cleanly, 1 with a warning, 2 with an error; 4 is disabled. */
  let ids: string[];

  const get = (path: string) => call(server.url, 'GET', path, { token });
  const list = (path: string) => call<Body[]>(server.url, 'GET', path, { token });
  const post = (path: string, json?: unknown) => call(server.url, 'POST', path, { token, json });
  const v3 = async (id: string) => (await get(`/api/v3/Plans/${id}`)).body;
  const v2 = async (id: string) => (await get(`/v2/FailoverPlans/${id}`)).body;

  /** Moves the world clock a minute at a time until the plan leaves its executing state. */
  async function runToEnd(id: string): Promise<{ minutes: number; progress: number[] }> {
    const progress: number[] = [];
    for (let minutes = 1; minutes <= 24 * 60; minutes++) {
      world.clock.advance(MINUTE);
      const details = (await get(`/api/v3/RuntimeDetails/Plans/${id}`)).body;
      progress.push(details.totalProgress);
      if (!details.state.endsWith('InProgress') && details.state !== 'Halting') return { minutes, progress };
    }
    throw new Error(`plan ${id} never finished`);
  }

  beforeAll(async () => {
    world = createWorld({ seed: 1, speed: 0, epoch: EPOCH });
    // Tokens outlive the days these tests move the clock forward.
    server = await startOrchestratorServer(world, {
      host: '127.0.0.1',
      port: 0,
      username: USER,
      password: PASSWORD,
      accessMinutes: 7 * 24 * 60,
    });
    token = await logIn(server.url);
    ids = (await list('/api/v3/Plans')).body.map((plan) => plan.id);
  });
  afterAll(() => server.close());

  it('lists the same plans in both families, v2 with the documented FailoverPlans fields', async () => {
    const all = await list('/v2/FailoverPlans');
    expect(all.status).toBe(200);
    expect(all.body.map((plan) => plan.id)).toEqual(ids);
    expect(ids).toHaveLength(world.plans.length);
    const first = all.body[0];
    expect(first).toMatchObject({
      name: world.plans[0]?.name,
      planState: 'Verified',
      planInUse: false,
      scheduleEnabled: true,
      scheduleType: 'OnTime',
      targetRPO: 60,
      _links: { self: { href: `/v2/FailoverPlans/${ids[0]}` } },
    });
    expect(first?.scheduleTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(await v2(ids[0] as string)).toEqual(first);
  });

  it('shows a disabled plan as Disabled in v2 and enabled: false in v3, and filters it with onlyEnabled', async () => {
    const disabled = ids[4] as string;
    expect(await v2(disabled)).toMatchObject({
      planState: 'Disabled',
      planStateDetails: 'Never checked or tested',
    });
    expect(await v3(disabled)).toMatchObject({
      enabled: false,
      state: 'NotVerified',
      stateName: 'NOT VERIFIED',
    });
    const enabledOnly = (await list('/api/v3/Plans?onlyEnabled=true')).body.map((plan) => plan.id);
    expect(enabledOnly).not.toContain(disabled);
    expect(enabledOnly).toContain(ids[0]);
    expect((await get('/api/v3/Plans?onlyEnabled=maybe')).status).toBe(400);
  });

  it('describes a plan in v3 as RecoveryPlanInfo, and its runtime details before any run', async () => {
    const plan = plansFromWorld(world).plans[0];
    expect(await v3(ids[0] as string)).toEqual({
      id: ids[0],
      planType: 'Replica',
      recoveryLocationId: plan?.recoveryLocationId,
      siteScopeId: plan?.siteScopeId,
      siteScopeName: world.tenants[world.plans[0]?.tenant ?? 0]?.name,
      name: world.plans[0]?.name,
      state: 'Verified',
      stateName: 'VERIFIED',
      resultName: 'None',
      lastStableState: 'Verified',
      lastStableStateName: 'VERIFIED',
      previousExecutionState: null,
      description: world.plans[0]?.description,
      enabled: true,
      vmCount: world.plans[0]?.vms.length,
    });
    const details = (await get(`/api/v3/RuntimeDetails/Plans/${ids[0]}`)).body;
    expect(details).toMatchObject({
      state: 'Verified',
      totalProgress: 0,
      currentRunResult: false,
      startTime: null,
    });
    expect(details.vms).toHaveLength(world.plans[0]?.vms.length ?? -1);
  });

  it('matches paths case-insensitively and answers 404 for unknown plans and paths, 405 for wrong methods', async () => {
    expect((await get(`/v2/failoverplans/${ids[0]?.toUpperCase()}`)).status).toBe(200);
    const unknown = await get('/v2/FailoverPlans/00000000-0000-4000-8000-000000000000');
    expect([unknown.status, typeof unknown.body.message]).toEqual([404, 'string']);
    expect((await get('/api/v3/Plans/not-a-guid')).status).toBe(404);
    expect((await post('/api/v3/Plans/00000000-0000-4000-8000-000000000000/Undo')).status).toBe(404);
    expect((await get('/api/v9/Plans')).status).toBe(404);
    const wrongMethod = await get(`/v2/FailoverPlans/${ids[0]}/Run`);
    expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it('runs a failover from the seed document’s body, then refuses a second Run while it executes', async () => {
    const id = ids[0] as string;
    // The v2 doc spells `planlaunchOptions`; ASP.NET binds keys case-insensitively.
    const body = seedBody('orchestrator-v2-run-failover.txt', '{ "mode"', (text) =>
      text.replace('<Date>', '2026-03-02T07:00:00').replace('true/false', 'false'),
    );
    expect(body).toHaveProperty('planlaunchOptions');
    const run = await post(`/v2/FailoverPlans/${id}/Run`, body);
    expect([run.status, run.text]).toEqual([200, '']);
    expect(await v3(id)).toMatchObject({
      state: 'FailoverInProgress',
      stateName: 'FAILOVER',
      resultName: 'None',
      lastStableState: 'Verified',
    });
    expect(await v2(id)).toMatchObject({ planState: 'Processing', planInUse: true });

    const again = await post(`/v2/FailoverPlans/${id}/Run`, { mode: 'FailoverNow' });
    expect(again.status).toBe(400);
    expect(again.body.message).toContain('in use');
    expect((await post(`/api/v3/Plans/${id}/Failover`)).status).toBe(400);
    expect((await post(`/v2/FailoverPlans/${id}/Undo`)).status).toBe(400);
    expect((await post(`/v2/FailoverPlans/${id}/Disable`)).status).toBe(400);
    expect(server.calls.snapshot()['POST /v2/FailoverPlans/{id}/Run']).toBe(2);

    const { progress } = await runToEnd(id);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(100);
    expect(await v3(id)).toMatchObject({
      state: 'Failover',
      stateName: 'FAILOVER',
      resultName: 'Success',
      previousExecutionState: 'Verified',
    });
    expect(await v2(id)).toMatchObject({
      planState: 'Failover',
      planStateDetails: 'Complete, no errors, no warnings',
      planInUse: false,
    });
    const details = (await get(`/api/v3/RuntimeDetails/Plans/${id}`)).body;
    expect(details).toMatchObject({ totalProgress: 100, currentRunResult: true, resultName: 'Success' });
    expect(details.vms[0]?.steps.map((step) => step.stepName)).toEqual([
      'Process Replica VM',
      'Check VM Heartbeat',
    ]);
    expect(
      details.vms.every(
        (vm: { state: string; resultName: string }) =>
          vm.state === 'Completed' && vm.resultName === 'Success',
      ),
    ).toBe(true);
  });

  it('fails back (planLaunchOptions spelled as the swagger does), commits, and can fail over again', async () => {
    const id = ids[0] as string;
    const plan = await v3(id);
    const failback = await post(`/v2/FailoverPlans/${id}/Run`, {
      mode: 'Failback',
      planLaunchOptions: { failbackRestoreVMTags: true, recoveryLocationId: plan.recoveryLocationId },
    });
    expect(failback.status).toBe(200);
    expect(await v3(id)).toMatchObject({
      state: 'FailbackInProgress',
      stateName: 'FAILBACK',
      lastStableState: 'Failover',
    });
    await runToEnd(id);
    expect(await v3(id)).toMatchObject({ state: 'Failback', stateName: 'FAILBACK' });
    expect((await post(`/v2/FailoverPlans/${id}/Run`, { mode: 'FailoverNow' })).status).toBe(400);

    expect((await post(`/v2/FailoverPlans/${id}/Run`, { mode: 'CommitFailBack' })).status).toBe(200);
    expect(await v3(id)).toMatchObject({ state: 'CommitFailbackInProgress', stateName: 'COMMIT FAILBACK' });
    await runToEnd(id);
    expect(await v3(id)).toMatchObject({
      state: 'CommitFailback',
      stateName: 'COMMIT FAILBACK',
      previousExecutionState: 'Failback',
    });
    expect((await post(`/api/v3/Plans/${id}/Undo`)).status).toBe(400);

    const v3Failover = await post(`/api/v3/Plans/${id}/Failover`, {
      executeChainedPlans: false,
      restorePointDate: null,
      protectStorageVolumes: false,
    });
    expect(v3Failover.status).toBe(200);
    await runToEnd(id);
    expect(await v3(id)).toMatchObject({ state: 'Failover', resultName: 'Success' });
  });

  it('undoes a failover, and a failback started with the v3 seed document’s body', async () => {
    const id = ids[3] as string;
    expect((await post(`/api/v3/Plans/${id}/Failover`)).status).toBe(200);
    await runToEnd(id);
    const body = seedBody('orchestrator-v3-failback-to-production.txt', '{ "restoreLocationId"', (text) =>
      text.replace('true/false', 'true'),
    );
    expect((await post(`/api/v3/Plans/${id}/FailbackToProduction`, body)).status).toBe(200);
    await runToEnd(id);
    expect(await v3(id)).toMatchObject({ state: 'Failback' });
    expect((await post(`/api/v3/Plans/${id}/CommitFailback`, undefined)).status).toBe(200);
    expect((await post(`/api/v3/Plans/${id}/Undo`)).status).toBe(400);
    await runToEnd(id);

    expect((await post(`/v2/FailoverPlans/${id}/Run`, { mode: 'FailoverNow' })).status).toBe(200);
    await runToEnd(id);
    expect((await post(`/api/v3/Plans/${id}/FailbackToProduction`)).status).toBe(200);
    await runToEnd(id);
    expect((await post(`/v2/FailoverPlans/${id}/Undo`)).status).toBe(200);
    expect(await v3(id)).toMatchObject({ state: 'UndoFailbackInProgress', stateName: 'UNDO FAILBACK' });
    await runToEnd(id);
    expect(await v3(id)).toMatchObject({
      state: 'UndoFailback',
      stateName: 'UNDO FAILBACK',
      lastStableState: 'UndoFailback',
    });
    expect((await post(`/api/v3/Plans/${id}/Undo`)).status).toBe(400);

    expect((await post(`/api/v3/Plans/${id}/FailbackToProduction`)).status).toBe(200);
    await runToEnd(id);
    expect((await post(`/api/v3/Plans/${id}/CommitFailback`)).status).toBe(200);
    await runToEnd(id);
    expect((await post(`/api/v3/Plans/${id}/Failover`)).status).toBe(200);
    await runToEnd(id);
    expect((await post(`/api/v3/Plans/${id}/Undo`)).status).toBe(200);
    expect(await v3(id)).toMatchObject({ state: 'UndoFailoverInProgress', stateName: 'UNDO FAILOVER' });
    await runToEnd(id);
    expect(await v3(id)).toMatchObject({
      state: 'UndoFailover',
      stateName: 'UNDO FAILOVER',
      previousExecutionState: 'Failover',
    });
    expect(await v2(id)).toMatchObject({ planState: 'UndoFailover', planInUse: false });
  });

  it('halts an executing plan (HALTING, then HALTED), refuses to run it, and undoes it', async () => {
    const id = ids[1] as string;
    expect((await post(`/v2/FailoverPlans/${id}/Halt`, { fullStop: false })).status).toBe(400);
    expect((await post(`/v2/FailoverPlans/${id}/Run`, { mode: 'FailoverNow' })).status).toBe(200);
    world.clock.advance(30_000);
    expect((await post(`/v2/FailoverPlans/${id}/Halt`, { fullStop: true })).status).toBe(200);
    expect(await v3(id)).toMatchObject({ state: 'Halting', stateName: 'HALTING' });
    expect(await v2(id)).toMatchObject({ planState: 'Halting', planInUse: true });
    expect((await post(`/v2/FailoverPlans/${id}/Halt`, { fullStop: true })).status).toBe(400);
    await runToEnd(id);
    expect(await v3(id)).toMatchObject({ state: 'Halted', stateName: 'HALTED', resultName: 'None' });
    expect(await v2(id)).toMatchObject({
      planState: 'Halted',
      planStateDetails: 'Halted by user',
      planInUse: true,
    });
    const details = (await get(`/api/v3/RuntimeDetails/Plans/${id}`)).body;
    expect(details.vms[0]?.steps[0]).toMatchObject({ state: 'Halted', resultName: 'None', endTime: null });
    expect(details.totalProgress).toBeLessThan(100);
    expect(details.currentRunResult).toBe(false);

    expect((await post(`/v2/FailoverPlans/${id}/Run`, { mode: 'FailoverNow' })).status).toBe(400);
    expect((await post(`/v2/FailoverPlans/${id}/Undo`)).status).toBe(200);
    expect(await v3(id)).toMatchObject({ state: 'UndoFailoverInProgress' });
    await runToEnd(id);
    expect(await v3(id)).toMatchObject({ state: 'UndoFailover', previousExecutionState: 'Halted' });
  });

  it('ends some plans’ failovers with a warning or an error, the same way every time', async () => {
    for (const [index, result, details] of [
      [1, 'Warning', 'Complete, with warnings'],
      [2, 'Error', 'Complete, with errors'],
    ] as const) {
      const id = ids[index] as string;
      expect((await post(`/api/v3/Plans/${id}/Failover`)).status).toBe(200);
      await runToEnd(id);
      expect(await v3(id)).toMatchObject({ state: 'Failover', resultName: result });
      expect(await v2(id)).toMatchObject({ planState: 'Failover', planStateDetails: details });
      const runtime = (await get(`/api/v3/RuntimeDetails/Plans/${id}`)).body;
      expect(runtime.currentRunResult).toBe(result === 'Warning');
      const lastStep = runtime.vms.at(-1)?.steps.at(-1);
      expect(lastStep).toMatchObject({ resultName: result, message: expect.any(String) });
      expect(runtime.vms.at(-1)?.resultName).toBe(result);
    }
  });

  it('refuses to run a disabled plan until it is enabled again', async () => {
    const id = ids[4] as string;
    const refused = await post(`/v2/FailoverPlans/${id}/Run`, { mode: 'FailoverNow' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('DISABLED');
    expect((await post(`/api/v3/Plans/${id}/Failover`)).status).toBe(400);
    expect((await post(`/v2/FailoverPlans/${id}/Enable`)).status).toBe(200);
    expect(await v2(id)).toMatchObject({ planState: 'NotVerified' });
    expect((await post(`/v2/FailoverPlans/${id}/Run`, { mode: 'PermanentFailoverNow' })).status).toBe(200);
    expect(await v3(id)).toMatchObject({
      state: 'PermanentFailoverInProgress',
      stateName: 'PERMANENT FAILOVER',
    });
    await runToEnd(id);
    expect(await v3(id)).toMatchObject({ state: 'PermanentFailover' });
    expect((await post(`/v2/FailoverPlans/${id}/Undo`)).status).toBe(400);
    expect((await post(`/api/v3/Plans/${id}/Disable`)).status).toBe(200);
    expect(await v3(id)).toMatchObject({ enabled: false, state: 'PermanentFailover' });
    expect(await v2(id)).toMatchObject({ planState: 'Disabled' });
    expect((await post(`/api/v3/Plans/${id}/Enable`)).status).toBe(200);
  });

  it('answers 400 for invalid bodies and 415 for a body that is not JSON', async () => {
    // Plan 3 ended in UNDO FAILOVER, so a valid FailoverNow would be accepted: the refusals are the bodies'.
    expect(await v3(ids[3] as string)).toMatchObject({ state: 'UndoFailover', enabled: true });
    const path = `/v2/FailoverPlans/${ids[3]}/Run`;
    const bad: [unknown, string | undefined][] = [
      [undefined, undefined],
      [undefined, '{"mode": '],
      [['FailoverNow'], undefined],
      [{ mode: 'FailoverLater' }, undefined],
      [{ mode: 'FailoverNow', planLaunchOptions: { executeChainedPlans: 'yes' } }, undefined],
      [{ mode: 'FailoverNow', planLaunchOptions: { restorePointRule: { date: 'yesterday' } } }, undefined],
      [{ mode: 'Failback', planLaunchOptions: { recoveryLocationId: 'dr-site' } }, undefined],
    ];
    for (const [json, raw] of bad) {
      const answer = await call(server.url, 'POST', path, { token, json, raw });
      expect(answer.status, JSON.stringify(json ?? raw)).toBe(400);
      expect(typeof answer.body.message).toBe('string');
    }
    const plain = await call(server.url, 'POST', path, {
      token,
      raw: 'mode=FailoverNow',
      type: 'text/plain',
    });
    expect(plain.status).toBe(415);
    expect((await post(`/api/v3/Plans/${ids[3]}/Failover`, { restorePointDate: 'soon' })).status).toBe(400);
    expect(
      (await post(`/api/v3/Plans/${ids[3]}/FailbackToProduction`, { restoreLocationId: 42 })).status,
    ).toBe(400);
    expect((await post(`/v2/FailoverPlans/${ids[3]}/Halt`, { fullStop: 'yes' })).status).toBe(400);
    expect(await v3(ids[3] as string)).toMatchObject({ state: 'UndoFailover' });
    expect((await post(path, { MODE: 'failovernow' })).status).toBe(200);
  });
});

describe('Orchestrator run timing', () => {
  it('takes longer to run a plan with more VMs', () => {
    const world = createWorld({ seed: 1, speed: 0, epoch: EPOCH });
    const plan = plansFromWorld(world).plans[0];
    if (!plan) throw new Error('the world has no plan');
    const doubled = { ...plan, vms: [...plan.vms, ...plan.vms] };
    expect(runTimeline(world.seed, doubled, 'failover').totalMs).toBeGreaterThan(
      runTimeline(world.seed, plan, 'failover').totalMs,
    );
  });
});
