import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures/load.ts';
import {
  normalizeFailoverSession,
  normalizeReplicaPoint,
  tenantMaps,
  type NormalizeContext,
} from './normalize.ts';
import { RawFailoverPlan, RawFailoverSession, RawReplicaPoint } from './raw-schemas.ts';
import { parseEmXml } from './xml.ts';

const noTenants: NormalizeContext = {
  sourceId: 'em-hq',
  tenantByPlan: new Map<string, string>(),
  tenantByVm: new Map<string, string>(),
};

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

  it('names the tenant of a session and of a VM from the cloud failover plans', () => {
    const plan = RawFailoverPlan.parse(
      parseEmXml(fixture('em_get_cloud_cloudFailoverPlans_id_entity.xml')).CloudFailoverPlan,
    );
    const ctx = { sourceId: 'em-hq', ...tenantMaps([plan]) };
    expect(session('em_get_cloud_failoverSessions_id_entity_stopped.xml', ctx).tenant).toBe('ABC Company');
    expect(ctx.tenantByVm.get('srv40')).toBe('ABC Company');
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
        href: 'https://enterprise06.tech.local:9398/api/cloud/vmReplicaPoints/61ad8531-045d-421a-9ba6-d220b5f80b64?format=Entity',
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
