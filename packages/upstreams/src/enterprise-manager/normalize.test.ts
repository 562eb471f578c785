import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures/load.ts';
import type { ReplicaPoint } from '@lifeboat/shared';
import {
  replicaKey,
  tenantsOfReplicas,
  tenantsOfVms,
  normalizeFailoverSession,
  normalizeReplicaPoint,
  tenantByPlanName,
  type NormalizeContext,
} from './normalize.ts';
import { normalizeEmPlan, vmKey } from './plans.ts';
import { RawFailoverPlan, RawFailoverSession, RawReplicaPoint } from './raw-schemas.ts';
import { parseEmXml } from './xml.ts';

const noTenants: NormalizeContext = {
  sourceId: 'em-hq',
  tenantByPlan: new Map<string, string>(),
};

const docPlan = () =>
  RawFailoverPlan.parse(
    parseEmXml(fixture('em_get_cloud_cloudFailoverPlans_id_entity.xml')).CloudFailoverPlan,
  );

function session(file: string, ctx = noTenants) {
  return normalizeFailoverSession(
    RawFailoverSession.parse(parseEmXml(fixture(file)).CloudFailoverSession),
    ctx,
  );
}

describe("Enterprise Manager normalizers on Veeam's documented examples", () => {
  it('reads a finished failover session: state, result, times, duration, provenance', () => {
    const s = session('em_get_cloud_failoverSessions_id_entity_stopped.xml');
    expect(s).toMatchObject({
      id: 'em-hq.475420ee-d045-4493-9869-0a970e08f6f9',
      ref: {
        source: 'em-hq',
        kind: 'CloudFailoverSession',
        nativeId: '475420ee-d045-4493-9869-0a970e08f6f9',
      },
      planName: 'ABC Company Failover Plan',
      backupServer: '172.17.53.48',
      state: 'stopped',
      nativeState: 'Stopped',
      result: 'success',
      nativeResult: 'Success',
      progress: 100,
      startedAt: '2025-12-07T17:38:16.000Z',
      endedAt: '2025-12-07T17:39:36.000Z',
      durationSeconds: 80,
      vms: [],
    });
  });

  it('reads a running session with per-VM tasks and the restore point each VM uses', () => {
    const s = session('em_get_cloud_failoverSessions_id_after_start.xml');
    expect(s.state).toBe('running');
    expect(s.result).toBe('none');
    expect(s.endedAt).toBeNull();
    expect(s.durationSeconds).toBeNull();
    expect(s.vms.map((v) => [v.vmName, v.state, v.nativeState])).toEqual([
      ['filesrv03', 'running', 'Working'],
      ['filesrv04', 'starting', 'Starting'],
    ]);
    expect(s.vms[0]?.restorePoint).toEqual({
      nativeId: 'c1beab6b-2b18-47f1-9e71-354ab8a49fc2',
      name: 'filesrv03@2020-02-13 05:00:46',
    });
  });

  it('names the tenant of a session from the cloud failover plans', () => {
    const ctx = { sourceId: 'em-hq', tenantByPlan: tenantByPlanName([docPlan()]) };
    expect(session('em_get_cloud_failoverSessions_id_entity_stopped.xml', ctx).tenant).toBe('ABC Company');
  });

  it("tells two tenants' same-named VMs apart by their replica, and leaves a tie unknown", async () => {
    const plan = (tenant: string, vms: string[]) =>
      RawFailoverPlan.parse({
        '@_Name': `${tenant} plan`,
        '@_UID': 'urn:veeam:CloudFailoverPlan:e7ca6822-a87f-443d-8aae-8005970543bf',
        TenantName: tenant,
        CloudFailoverPlanInfo: { Includes: { CloudFailoverPlanVm: vms.map((Name) => ({ Name })) } },
      });
    const pt = (vmName: string, replicaId: string) => ({ vmName, replicaId, tenant: null }) as ReplicaPoint;
    const points = [
      pt('dc01', 'r-a'),
      pt('sql01', 'r-a'),
      pt('dc01', 'r-b'),
      pt('web01', 'r-b'),
      pt('x', 'r-c'),
    ];
    const tenants = await tenantsOfReplicas(
      points,
      await tenantsOfVms([
        plan('Tenant A', ['dc01', 'sql01', 'x']),
        plan('Tenant B', ['dc01', 'web01', 'x']),
      ]),
    );
    expect(points.map((p) => tenants.get(replicaKey(p)))).toEqual([
      'Tenant A',
      'Tenant A',
      'Tenant B',
      'Tenant B',
      null,
    ]);
  });

  it("reads a cloud failover plan's state from its sessions and its VMs' restore points", () => {
    const ready = normalizeEmPlan(docPlan(), 'em-hq', [], new Map());
    expect(ready).toMatchObject({
      id: 'em-hq.e7ca6822-a87f-443d-8aae-8005970543bf',
      name: 'ABC Company Failover Plan',
      tenant: 'ABC Company',
      state: 'ready',
      vmCount: 2,
      vms: [
        { name: 'srv38', nativeId: null },
        { name: 'srv40', nativeId: null },
      ],
    });
    expect(ready.allowedActions.filter((a) => a.allowed).map((a) => a.action)).toEqual(['failover']);
    const failedOverPoint = { nativeState: 'Failover', vmName: 'srv40' } as ReplicaPoint;
    const failedOver = normalizeEmPlan(
      docPlan(),
      'em-hq',
      [],
      new Map([[vmKey('ABC Company', 'srv40'), failedOverPoint]]),
    );
    expect(failedOver.state).toBe('failed_over');
    expect(failedOver.allowedActions.find((a) => a.action === 'failover')).toEqual({
      action: 'failover',
      allowed: false,
      reason: 'The plan is already failed over.',
    });
    expect(failedOver.allowedActions.find((a) => a.action === 'undoFailover')?.allowed).toBe(true);
  });

  it("follows a running plan's VMs through its failover session's VM tasks", () => {
    const task = (vmName: string, nativeState: string, progress: number, failureMessage: string | null) => ({
      vmName,
      state: 'running' as const,
      nativeState,
      result: 'none' as const,
      nativeResult: null,
      progress,
      startedAt: null,
      endedAt: null,
      failureMessage,
      restorePoint: null,
    });
    const running = {
      ...session('em_get_cloud_failoverSessions_id_entity_stopped.xml'),
      planName: 'ABC Company Failover Plan',
      tenant: 'ABC Company',
      state: 'running' as const,
      nativeState: 'Working',
      vms: [task('srv38', 'Working', 40, null), task('srv40', 'Pending', 0, 'Waiting for resources')],
    };
    const plan = normalizeEmPlan(docPlan(), 'em-hq', [running], new Map());
    expect(plan.state).toBe('running');
    expect(plan.vms).toEqual([
      {
        name: 'srv38',
        nativeId: null,
        run: {
          state: 'Working',
          progress: 40,
          result: null,
          steps: [{ name: 'Failover', state: 'Working', result: null, message: null }],
        },
      },
      {
        name: 'srv40',
        nativeId: null,
        run: {
          state: 'Pending',
          progress: 0,
          result: null,
          steps: [{ name: 'Failover', state: 'Pending', result: null, message: 'Waiting for resources' }],
        },
      },
    ]);
  });

  it('reads a replica restore point with its VM, replica job and backup server', () => {
    const raw = RawReplicaPoint.parse(
      parseEmXml(fixture('em_get_cloud_vmReplicaPoints_id_entity.xml')).CloudVmReplicaPoint,
    );
    expect(normalizeReplicaPoint(raw, noTenants)).toEqual({
      id: 'em-hq.61ad8531-045d-421a-9ba6-d220b5f80b64',
      ref: {
        source: 'em-hq',
        kind: 'CloudVmReplicaPoint',
        nativeId: '61ad8531-045d-421a-9ba6-d220b5f80b64',
      },
      vmName: 'apache05',
      pointTime: '2025-11-03T18:01:25.930Z',
      pointType: 'Snapshot',
      nativeState: 'Ready',
      replicaName: 'apache05',
      replicaId: '062a386c-2b1a-4a01-aa55-8fc851573787',
      backupServer: 'enterprise06.tech.local',
      tenant: null,
    });
  });

  it('keeps an unknown state visible as unknown with the raw value beside it', () => {
    const xml = fixture('em_get_cloud_failoverSessions_id_entity_stopped.xml').replace(
      '<State>Stopped</State>',
      '<State>Hibernating</State>',
    );
    const s = normalizeFailoverSession(
      RawFailoverSession.parse(parseEmXml(xml).CloudFailoverSession),
      noTenants,
    );
    expect([s.state, s.nativeState]).toEqual(['unknown', 'Hibernating']);
  });

  it('refuses an entity whose UID is not a Veeam id, rather than inventing one', () => {
    const xml = fixture('em_get_cloud_failoverSessions_id_entity_stopped.xml').replace(
      'UID="urn:veeam:CloudFailoverSession:475420ee-d045-4493-9869-0a970e08f6f9"',
      'UID="urn:veeam:CloudFailoverSession:../../x"',
    );
    const raw = RawFailoverSession.parse(parseEmXml(xml).CloudFailoverSession);
    expect(() => normalizeFailoverSession(raw, noTenants)).toThrow(/unexpected UID/);
  });
});
