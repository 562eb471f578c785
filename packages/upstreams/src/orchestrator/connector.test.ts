import { Plan } from '@lifeboat/shared';
import { startSimulator } from '@lifeboat/veeam-sim';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connector, SourceSettings } from '../connector.ts';
import { UpstreamError } from '../http/upstream-error.ts';
import { countCalls, injectFault, resetSimulator, type Fault, type Sim } from '../testing/simulator.ts';
import { errorCode, failure } from '../testing/upstream-failure.ts';
import { orchestrator } from './connector.ts';

let sim: Sim;
let connector: Connector;
const MINUTE = 60_000;

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

function connect(own: { apiGeneration?: string } = {}, overrides: Partial<SourceSettings> = {}) {
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
    orchestrator.settings.parse(own),
  );
}

const fault = (f: Fault) => injectFault(sim, 'orchestrator', f);
const calls = (prefix: string) => countCalls(sim, 'orchestrator', prefix);

/** Moves the world clock (runs progress and end, tokens age); the world itself stands still (speed 0). */
async function advance(ms: number) {
  const res = await fetch(`${sim.admin.url}/admin/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  });
  expect(res.status).toBe(200);
}

/** Runs an action on the simulator directly, as an operator in the Orchestrator's own UI would. */
async function act(path: string, body: unknown = {}) {
  const form = new URLSearchParams({
    grant_type: 'password',
    username: sim.orchestrator.username,
    password: sim.orchestrator.password,
  });
  const token = (await (
    await fetch(`${sim.orchestrator.url}/api/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form,
    })
  ).json()) as { access_token: string };
  const res = await fetch(`${sim.orchestrator.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.text()).toBe(200);
}

async function plans(c = connector) {
  const snap = await c.fetchInventory();
  return snap.plans ?? [];
}

async function planNamed(name: string, c = connector) {
  const plan = (await plans(c)).find((p) => p.name === name);
  expect(plan, name).toBeDefined();
  return plan!;
}

/** The allowed actions of a plan, and the reasons of the refused ones. */
function actions(plan: Plan) {
  return Object.fromEntries(plan.allowedActions.map((a) => [a.action, a.allowed ? 'allowed' : a.reason]));
}

const TIER1 = 'UCM Company Tier 1 Failover Plan';
const TIER2 = 'UCM Company Tier 2 Failover Plan';
const MARGIE1 = "Margie's Travel Tier 1 Failover Plan";
const MARGIE2 = "Margie's Travel Tier 2 Failover Plan";
const DISABLED = 'Alpine Ski House Failover Plan';

describe('the Orchestrator connector against the simulator', () => {
  it('lists every plan from the v3 API by default, in the shared model, with one logon', async () => {
    const snap = await connector.fetchInventory();
    expect(connector.collections).toEqual(['plans']);
    expect(snap.unreadable).toEqual({ count: 0, firstError: null });
    expect(snap.plans).toHaveLength(sim.world.plans.length);
    for (const p of snap.plans!) {
      expect(() => Plan.parse(p)).not.toThrow();
      expect(p.id).toBe(`vro-test.${p.ref.nativeId}`);
      expect(p.ref).toEqual({ source: 'vro-test', kind: 'RecoveryPlan', nativeId: p.ref.nativeId });
      expect(p.ref.nativeId).toMatch(/^[0-9a-f-]{36}$/);
      expect(p.allowedActions.map((a) => a.action)).toEqual([
        'failover',
        'undoFailover',
        'failback',
        'commitFailback',
        'undoFailback',
      ]);
    }
    const tier1 = snap.plans!.find((p) => p.name === TIER1)!;
    expect(tier1).toMatchObject({
      planType: 'Replica',
      state: 'ready',
      nativeState: 'Verified',
      enabled: true,
      vmCount: 3,
      vms: [],
      progress: null,
      tenant: null,
      site: 'UCM Company',
    });
    expect(actions(tier1)).toEqual({
      failover: 'allowed',
      undoFailover: 'Undo failover needs the plan to be failed over by a failover, or halted; it is ready.',
      failback: 'Failback needs the plan to be failed over; it is ready.',
      commitFailback: 'Commit failback needs the plan to be failed back; it is ready.',
      undoFailback: 'Undo failback needs the plan to be failed back; it is ready.',
    });

    await connector.fetchInventory();
    expect(await calls('POST /api/token')).toBe(1);
    expect(await calls('GET /api/v3/Plans')).toBe(2);
    expect(await calls('GET /v2/')).toBe(0);
  });

  it('reads the same plans from the v2 API when told to, with its RPO and RTO targets', async () => {
    const v3 = await plans();
    const v2connector = connect({ apiGeneration: 'v2' });
    try {
      const v2 = await plans(v2connector);
      expect(v2.map((p) => p.id).sort()).toEqual(v3.map((p) => p.id).sort());
      for (const p of v2) {
        expect(() => Plan.parse(p)).not.toThrow();
        expect(p.ref.kind).toBe('FailoverPlan');
        expect(p.rpoTargetMinutes).toBeGreaterThan(0);
        expect(p.rtoTargetMinutes).toBeGreaterThan(0);
      }
      expect(v2.find((p) => p.name === TIER1)).toMatchObject({
        state: 'ready',
        nativeState: 'Verified',
        enabled: true,
      });
      // v2 shows a disabled plan only as `Disabled`: its state is hidden, so it says unknown.
      const disabled = v2.find((p) => p.name === DISABLED)!;
      expect(disabled).toMatchObject({ state: 'unknown', nativeState: 'Disabled', enabled: false });
      expect(new Set(Object.values(actions(disabled)))).toEqual(new Set(['The plan is disabled.']));
      expect(await calls('GET /api/v3/')).toBe(1); // the v3 connector's read only
    } finally {
      await v2connector.close();
    }
  });

  it('falls back to v2 on a server without v3, and remembers it', async () => {
    await fault({ status: 404, path: '/api/v3/Plans' });
    const list = await plans();
    expect(list).toHaveLength(sim.world.plans.length);
    expect(list.every((p) => p.ref.kind === 'FailoverPlan')).toBe(true);
    await connector.fetchInventory();
    expect(await calls('GET /api/v3/Plans')).toBe(1);
    expect(await calls('GET /v2/FailoverPlans')).toBe(2);
  });

  it('does not fall back to v2 when v3 fails for another reason', async () => {
    await fault({ status: 503, path: '/api/v3/Plans' });
    const err = await failure(connector.fetchInventory());
    expect([err.code, err.status]).toEqual(['http_status', 503]);
    expect(err.message).toMatch(/answered 503/);
    await fetch(`${sim.admin.url}/admin/faults`, { method: 'DELETE' });
    expect((await plans())[0]?.ref.kind).toBe('RecoveryPlan');
    expect(await calls('GET /v2/')).toBe(0);
  });

  it('follows a plan through failover, failback and commit: state, progress, VMs and allowed actions', async () => {
    const { ref } = await planNamed(TIER1);
    await act(`/api/v3/Plans/${ref.nativeId}/Failover`);
    await advance(MINUTE);
    let plan = await planNamed(TIER1);
    expect(plan).toMatchObject({ state: 'running', nativeState: 'FailoverInProgress', result: 'none' });
    expect(plan.progress).toBeGreaterThan(0);
    expect(plan.progress).toBeLessThan(100);
    expect(plan.vms).toHaveLength(3);
    expect(plan.vms[0]?.nativeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(Object.values(actions(plan)))).toEqual(new Set(['An action is running.']));
    expect(await calls('GET /api/v3/RuntimeDetails/')).toBe(1);

    await advance(60 * MINUTE);
    plan = await planNamed(TIER1);
    expect(plan).toMatchObject({
      state: 'failed_over',
      nativeState: 'Failover',
      result: 'success',
      progress: null,
    });
    expect(actions(plan)).toEqual({
      failover: 'The plan is already failed over.',
      undoFailover: 'allowed',
      failback: 'allowed',
      commitFailback: 'Commit failback needs the plan to be failed back; it is failed over.',
      undoFailback: 'Undo failback needs the plan to be failed back; it is failed over.',
    });

    await act(`/api/v3/Plans/${ref.nativeId}/FailbackToProduction`);
    expect((await planNamed(TIER1)).nativeState).toBe('FailbackInProgress');
    await advance(60 * MINUTE);
    plan = await planNamed(TIER1);
    expect(plan).toMatchObject({ state: 'failed_back', nativeState: 'Failback' });
    expect(actions(plan)).toEqual({
      failover: 'Failover needs the plan to be ready; it is failed back.',
      undoFailover:
        'Undo failover needs the plan to be failed over by a failover, or halted; it is failed back.',
      failback: 'The plan is already failed back.',
      commitFailback: 'allowed',
      undoFailback: 'allowed',
    });

    await act(`/api/v3/Plans/${ref.nativeId}/CommitFailback`);
    await advance(60 * MINUTE);
    plan = await planNamed(TIER1);
    expect(plan).toMatchObject({ state: 'ready', nativeState: 'CommitFailback' });
    expect(actions(plan).failover).toBe('allowed');
  });

  it('says which run ended with an error, and that only undo failback or a new failback follow an undo failback', async () => {
    // The simulator's third plan always fails over with an error.
    const { ref } = await planNamed(MARGIE1);
    await act(`/api/v3/Plans/${ref.nativeId}/Failover`);
    await advance(60 * MINUTE);
    expect(await planNamed(MARGIE1)).toMatchObject({ state: 'failed_over', result: 'failed' });
    await act(`/api/v3/Plans/${ref.nativeId}/FailbackToProduction`);
    await advance(60 * MINUTE);
    await act(`/api/v3/Plans/${ref.nativeId}/Undo`);
    await advance(60 * MINUTE);
    const plan = await planNamed(MARGIE1);
    expect(plan).toMatchObject({ state: 'failed_over', nativeState: 'UndoFailback' });
    expect(actions(plan)).toMatchObject({
      failover: 'The plan is already failed over.',
      undoFailover:
        'Undo failover needs the plan to be failed over by a failover, or halted; it is failed over by an undo failback.',
      failback: 'allowed',
    });
  });

  it('reads a halted run through v2: Processing, Halting, then Halted, where only undo failover is allowed', async () => {
    const v2connector = connect({ apiGeneration: 'v2' });
    try {
      const { ref } = await planNamed(TIER2, v2connector);
      await act(`/v2/FailoverPlans/${ref.nativeId}/Run`, { mode: 'FailoverNow' });
      let plan = await planNamed(TIER2, v2connector);
      expect(plan).toMatchObject({
        state: 'running',
        nativeState: 'Processing',
        result: 'none',
        progress: null,
      });
      await act(`/v2/FailoverPlans/${ref.nativeId}/Halt`, { fullStop: false });
      expect(await planNamed(TIER2, v2connector)).toMatchObject({ state: 'running', nativeState: 'Halting' });
      await advance(60 * MINUTE);
      plan = await planNamed(TIER2, v2connector);
      expect(plan).toMatchObject({ state: 'halted', nativeState: 'Halted' });
      expect(actions(plan)).toEqual({
        failover: 'Failover needs the plan to be ready; it is halted.',
        undoFailover: 'allowed',
        failback: 'Failback needs the plan to be failed over; it is halted.',
        commitFailback: 'Commit failback needs the plan to be failed back; it is halted.',
        undoFailback: 'Undo failback needs the plan to be failed back; it is halted.',
      });
      // v2 has no runtime details: nothing but the list was read.
      expect(await calls('GET /api/v3/')).toBe(0);
    } finally {
      await v2connector.close();
    }
  });

  it('refuses every action on a disabled plan, and allows them again once it is enabled', async () => {
    const disabled = await planNamed(DISABLED);
    expect(disabled).toMatchObject({ enabled: false, state: 'ready', nativeState: 'NotVerified' });
    expect(new Set(Object.values(actions(disabled)))).toEqual(new Set(['The plan is disabled.']));
    await act(`/api/v3/Plans/${disabled.ref.nativeId}/Enable`);
    const enabled = await planNamed(DISABLED);
    expect(enabled.enabled).toBe(true);
    expect(actions(enabled).failover).toBe('allowed');
    await act(`/api/v3/Plans/${disabled.ref.nativeId}/Disable`);
  });

  it('keeps a running plan without progress when its runtime details cannot be read, and counts it', async () => {
    const { ref } = await planNamed(MARGIE2);
    await act(`/api/v3/Plans/${ref.nativeId}/Failover`);
    try {
      await fault({ malformedBody: true, path: '/api/v3/RuntimeDetails', count: 1 });
      const snap = await connector.fetchInventory();
      expect(snap.plans).toHaveLength(sim.world.plans.length);
      expect(snap.plans!.find((p) => p.name === MARGIE2)).toMatchObject({
        state: 'running',
        progress: null,
        vms: [],
      });
      expect(snap.unreadable.count).toBe(1);
      expect(snap.unreadable.firstError).toMatch(new RegExp(`runtime details of plan ${ref.nativeId}`));
    } finally {
      await advance(60 * MINUTE);
    }
  });
});

describe('Orchestrator tokens', () => {
  /**
   * 20 reads at once. The transport's bulkhead may turn some away before they reach the upstream
   * ("too many calls waiting"); every read that does reach it is served after the one renewal.
   */
  async function twentyReads() {
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => connector.fetchInventory()));
    for (const r of results) {
      if (r.status === 'fulfilled') expect(r.value.plans).toHaveLength(sim.world.plans.length);
      else
        expect([r.reason instanceof UpstreamError, (r.reason as Error).message]).toEqual([
          true,
          expect.stringMatching(/too many calls/),
        ]);
    }
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(4);
  }

  it('renews an expired access token with one refresh, however many reads are waiting', async () => {
    await connector.fetchInventory();
    // Past the 15-minute access token, within the 120-minute refresh token (world clock).
    await advance(16 * MINUTE);
    await fetch(`${sim.admin.url}/admin/calls`, { method: 'DELETE' });
    await twentyReads();
    expect(await calls('POST /api/token')).toBe(1);
  });

  it('logs on again, once, when the refresh token is refused too', async () => {
    await connector.fetchInventory();
    await fault({ expireSessions: true });
    await twentyReads();
    // The first logon, the refused refresh, the new logon.
    expect(await calls('POST /api/token')).toBe(3);
  });

  it('says auth_failed for a wrong password, and tries no second logon inside the backoff', async () => {
    const bad = connect({}, { password: 'wrong' });
    try {
      const err = await failure(bad.fetchInventory());
      expect(err.code).toBe('auth_failed');
      expect(err.message).toMatch(/refused the logon \(400: invalid_grant/);
      expect(err.message).not.toContain('wrong');
      expect((await failure(bad.fetchInventory())).code).toBe('auth_failed');
      expect(await calls('POST /api/token')).toBe(1);
      expect(await calls('GET')).toBe(0);
    } finally {
      await bad.close();
    }
  });

  it('tries the logon again once the backoff has passed', async () => {
    const bad = connect({}, { password: 'wrong', timing: { logonBackoffMs: 200 } });
    try {
      expect((await failure(bad.fetchInventory())).code).toBe('auth_failed');
      expect((await failure(bad.fetchInventory())).code).toBe('auth_failed');
      expect(await calls('POST /api/token')).toBe(1);
      await new Promise((r) => setTimeout(r, 300));
      expect((await failure(bad.fetchInventory())).code).toBe('auth_failed');
      expect(await calls('POST /api/token')).toBe(2);
    } finally {
      await bad.close();
    }
  });
});

describe('misbehaving and hostile Orchestrator answers (security-and-resilience §7.1-7.2)', () => {
  /** The error code of a first read by a fresh connector (fresh breaker) while `f` is in force. */
  async function outcomeUnder(f: Fault, overrides: Partial<SourceSettings> = {}) {
    await fetch(`${sim.admin.url}/admin/faults`, { method: 'DELETE' });
    await fault(f);
    const fresh = connect({}, overrides);
    try {
      const err = await failure(fresh.fetchInventory());
      return err.status === undefined ? err.code : `${err.code} ${err.status}`;
    } finally {
      await fresh.close();
    }
  }

  it('tells an HTML page, an error status, a broken body, a reset, a timeout and a refused connection apart', async () => {
    const path = '/api/v3/Plans';
    expect(await outcomeUnder({ htmlErrorPage: true, path })).toBe('malformed_response');
    expect(await outcomeUnder({ htmlErrorPage: 502, path })).toBe('http_status 502');
    expect(await outcomeUnder({ status: 500, path })).toBe('http_status 500');
    expect(await outcomeUnder({ malformedBody: true, path })).toBe('malformed_response');
    expect(await outcomeUnder({ resetMidBody: true, path })).toBe('request_failed');
    const started = Date.now();
    expect(await outcomeUnder({ hang: true, path }, { timeoutSeconds: 1 })).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(await outcomeUnder({ down: true })).toBe('request_failed');
  });

  // What each hostile body must come to: a typed error, or a clean read of what can be read.
  const expected: Record<string, string> = {
    'proto-pollution': 'malformed_response',
    'constructor-prototype': 'malformed_response',
    truncated: 'malformed_response',
    'invalid-utf8': 'malformed_response',
    'nan-infinity': 'malformed_response',
    'duplicate-keys': 'ok: 1 plan, 0 unreadable',
    'deep-arrays': 'ok: 1 plan, 0 unreadable',
    bom: 'ok: 1 plan, 0 unreadable',
    // A number where a string belongs, and null where a plan belongs.
    'wrong-types': 'ok: 0 plan, 2 unreadable',
  };

  it.each(Object.entries(expected))('%s → %s, and nothing is polluted', async (name, outcome) => {
    await fault({ hostileBody: name, path: '/api/v3/Plans', count: 1 });
    const result = await connector
      .fetchInventory()
      .then((snap) => `ok: ${snap.plans?.length} plan, ${snap.unreadable.count} unreadable`, errorCode);
    expect(result).toBe(outcome);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never follows a redirect', async () => {
    await fault({ redirectTo: 'http://127.0.0.1:9/elsewhere', path: '/api/v3/Plans', count: 1 });
    expect((await failure(connector.fetchInventory())).code).toBe('redirected');
  });
});
