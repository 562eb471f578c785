import { Plan, type PlanState } from '@lifeboat/shared';
import { describe, expect, it } from 'vitest';
import { parseUpstreamJson } from '../http/json.ts';
import { v2, v3, type Dialect, type PlanFields } from './dialect.ts';
import { fixture } from './fixtures/load.ts';
import { allowedActions, normalizePlan, planState } from './normalize.ts';

function fields(dialect: Dialect, raw: unknown): PlanFields {
  const read = dialect.readItem(raw);
  if (!read.ok) throw new Error(read.error);
  return read.fields;
}

const ctx = (d: Dialect) => ({ sourceId: 'vro-hq', kind: d.kind });

function allowed(nativeState: string | null, enabled: boolean | null = true) {
  return allowedActions(nativeState, enabled)
    .filter((a) => a.allowed)
    .map((a) => a.action);
}

describe("Orchestrator normalizers on Veeam's documented examples", () => {
  it('reads a v1/v2 failover plan: failed over, last run a success, provenance, no site or VM count', () => {
    const raw = parseUpstreamJson(fixture('vro_v1_get_FailoverPlans_item.json'), 'test');
    const plan = normalizePlan(fields(v2, raw), ctx(v2), null);
    expect(Plan.parse(plan)).toEqual(plan);
    expect(plan).toEqual({
      id: 'vro-hq.8abed2fd-e738-4d0d-a61e-76b0c4b9b08b',
      ref: { source: 'vro-hq', kind: 'FailoverPlan', nativeId: '8abed2fd-e738-4d0d-a61e-76b0c4b9b08b' },
      name: 'Test DR Plan',
      planType: 'Replica',
      state: 'failed_over',
      nativeState: 'Failover',
      result: 'success',
      enabled: true,
      vmCount: null,
      vms: [],
      rpoTargetMinutes: null,
      rtoTargetMinutes: null,
      progress: null,
      tenant: null,
      site: null,
      description: 'with uCentOS',
      allowedActions: [
        { action: 'failover', allowed: false, reason: 'The plan is already failed over.' },
        { action: 'undoFailover', allowed: true, reason: null },
        { action: 'failback', allowed: true, reason: null },
        {
          action: 'commitFailback',
          allowed: false,
          reason: 'Commit failback needs the plan to be failed back; it is failed over.',
        },
        {
          action: 'undoFailback',
          allowed: false,
          reason: 'Undo failback needs the plan to be failed back; it is failed over.',
        },
      ],
    });
  });

  it('reads the v2 list example: its RPO and RTO targets in minutes, and Restored as failed over', () => {
    const list = parseUpstreamJson(fixture('vro_v2_get_RestorePlans.json'), 'test') as unknown[];
    expect(list).toHaveLength(1);
    const plan = normalizePlan(fields(v2, list[0]), ctx(v2), null);
    expect(plan).toMatchObject({
      id: 'vro-hq.413d416b-4cbb-474b-bc41-4ddacc57f013',
      state: 'failed_over',
      nativeState: 'Restored',
      result: 'success',
      rpoTargetMinutes: 1440,
      rtoTargetMinutes: 60,
    });
    // No action of the replica state machine starts from Restored.
    expect(plan.allowedActions.every((a) => !a.allowed)).toBe(true);
    expect(plan.allowedActions[2]?.reason).toBe('Failback needs the plan to be failed over; it is restored.');
  });

  it('reads a v3 plan (documented field names) and, while it runs, its progress and VMs from runtime details', () => {
    const raw = {
      id: 'B8517D70-028D-4740-A130-787E164A3D83',
      planType: 'Replica',
      siteScopeName: 'HQ scope',
      name: 'Tier 1',
      state: 'FailoverInProgress',
      stateName: 'FAILOVER',
      resultName: 'None',
      description: 'ERP',
      enabled: true,
      vmCount: 2,
      recoveryLocationId: 'ad19ae02-2760-4b38-acee-e1d459b97555',
    };
    const runtime = {
      totalProgress: 140,
      vms: [
        { vmId: 'AD19AE02-2760-4B38-ACEE-E1D459B97555', vmName: 'erp-db' },
        { vmId: 'not-a-guid', vmName: 'erp-app' },
      ],
    };
    const plan = normalizePlan(fields(v3, raw), ctx(v3), runtime);
    expect(Plan.parse(plan)).toEqual(plan);
    expect(plan).toMatchObject({
      id: 'vro-hq.b8517d70-028d-4740-a130-787e164a3d83',
      ref: { kind: 'RecoveryPlan', nativeId: 'b8517d70-028d-4740-a130-787e164a3d83' },
      state: 'running',
      nativeState: 'FailoverInProgress',
      result: 'none',
      enabled: true,
      vmCount: 2,
      site: 'HQ scope',
      progress: 100,
      vms: [
        { name: 'erp-db', nativeId: 'ad19ae02-2760-4b38-acee-e1d459b97555' },
        { name: 'erp-app', nativeId: null },
      ],
    });
    // Progress belongs to a running plan only.
    expect(normalizePlan(fields(v3, { ...raw, state: 'Failover' }), ctx(v3), runtime).progress).toBeNull();
  });
});

describe('plan states', () => {
  const table: [string | null, PlanState][] = [
    ['Verified', 'ready'],
    ['NotVerified', 'ready'],
    ['UndoFailover', 'ready'],
    ['CommitFailback', 'ready'],
    ['FailoverInProgress', 'running'],
    ['PermanentFailoverInProgress', 'running'],
    ['UndoFailbackInProgress', 'running'],
    ['Halting', 'running'],
    ['Processing', 'running'],
    ['Failover', 'failed_over'],
    ['UndoFailback', 'failed_over'],
    ['Failback', 'failed_back'],
    ['PermanentFailover', 'permanent_failover'],
    ['Halted', 'halted'],
    ['Disabled', 'unknown'],
    ['FAILOVER', 'unknown'],
    ['constructor', 'unknown'],
    ['__proto__', 'unknown'],
    ['', 'unknown'],
    [null, 'unknown'],
  ];
  it.each(table)('%s → %s', (native, state) => {
    expect(planState(native)).toBe(state);
  });

  it('keeps a state word it does not know, and a numeric one, as the native state', () => {
    const base = { id: 'b8517d70-028d-4740-a130-787e164a3d83', name: 'P' };
    expect(normalizePlan(fields(v3, { ...base, state: 'Scanning' }), ctx(v3), null)).toMatchObject({
      state: 'unknown',
      nativeState: 'Scanning',
      result: 'unknown',
      enabled: null,
      vmCount: null,
    });
    expect(normalizePlan(fields(v3, { ...base, state: 7 }), ctx(v3), null).nativeState).toBe('7');
    expect(allowedActions('Scanning', true)[0]?.reason).toBe(
      'The plan\'s state "Scanning" is not one Lifeboat knows.',
    );
    expect(allowedActions(null, true)[0]?.reason).toBe(
      'The Orchestrator did not say what state the plan is in.',
    );
  });
});

describe('allowed actions follow the state machine', () => {
  it.each([
    ['Verified', ['failover']],
    ['NotVerified', ['failover']],
    ['UndoFailover', ['failover']],
    ['CommitFailback', ['failover']],
    ['Failover', ['undoFailover', 'failback']],
    ['UndoFailback', ['failback']],
    ['Failback', ['commitFailback', 'undoFailback']],
    ['Halted', ['undoFailover']],
    ['PermanentFailover', []],
    ['FailoverInProgress', []],
    ['Disabled', []],
  ])('in %s: %j', (native, actions) => {
    expect(allowed(native)).toEqual(actions);
  });

  it('refuses everything on a disabled plan, and while an action runs, saying why', () => {
    const reasons = (native: string, enabled: boolean) =>
      new Set(allowedActions(native, enabled).map((a) => a.reason));
    expect(reasons('Failover', false)).toEqual(new Set(['The plan is disabled.']));
    expect(reasons('FailbackInProgress', true)).toEqual(new Set(['An action is running.']));
    expect(allowed('Verified', null)).toEqual(['failover']);
  });

  it('says permanently failed over in plain words', () => {
    expect(allowedActions('PermanentFailover', true).map((a) => a.reason)).toEqual([
      'Failover needs the plan to be ready; it is permanently failed over.',
      'Undo failover needs the plan to be failed over by a failover, or halted; it is permanently failed over.',
      'Failback needs the plan to be failed over; it is permanently failed over.',
      'Commit failback needs the plan to be failed back; it is permanently failed over.',
      'Undo failback needs the plan to be failed back; it is permanently failed over.',
    ]);
  });
});

describe('untrusted plan items', () => {
  const id = 'b8517d70-028d-4740-a130-787e164a3d83';

  it.each([
    ['an id that is not a GUID', { id: '../../x', name: 'P' }, /id is not a GUID/],
    ['a number where a string belongs', { id, name: 12345 }, /name/],
    ['a number as id', { id: 42, name: 'P' }, /id/],
    ['null', null, /object/],
    ['an array', [], /object/],
    ['a string VM count', { id, name: 'P', vmCount: '3' }, /vmCount/],
  ])('refuses %s, saying where', (_what, raw, error) => {
    const read = v3.readItem(raw);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatch(error);
  });

  it('cuts long texts to 512 characters with a visible marker, and keeps hostile ones as text', () => {
    const long = 'x'.repeat(600);
    const plan = normalizePlan(
      fields(v3, { id, name: long, description: long, siteScopeName: long, state: long }),
      ctx(v3),
      { vms: [{ vmName: long }] },
    );
    for (const text of [plan.name, plan.description, plan.site, plan.nativeState]) {
      expect(text).toHaveLength(512);
      expect(text?.endsWith('…')).toBe(true);
    }
    expect(allowedActions(long, true)[0]?.reason?.length).toBeLessThan(200);
    const hostile = '<script>alert(1)</script>';
    expect(normalizePlan(fields(v3, { id, name: hostile }), ctx(v3), null).name).toBe(hostile);
  });

  it('reads v2 results from the state details prose', () => {
    const result = (planState: string, planStateDetails: string) =>
      normalizePlan(fields(v2, { id, name: 'P', planState, planStateDetails }), ctx(v2), null).result;
    expect(result('Failover', 'Complete, no errors, no warnings')).toBe('success');
    expect(result('Failover', 'Complete, with warnings')).toBe('warning');
    expect(result('Failover', 'Complete, with errors')).toBe('failed');
    expect(result('Disabled', 'Never checked or tested')).toBe('none');
    expect(result('Processing', 'Failover in progress, 40% complete')).toBe('none');
    expect(result('Verified', 'Readiness check passed')).toBe('unknown');
  });
});
