import type { ReplicaPoint } from '@lifeboat/shared';
import { describe, expect, it } from 'vitest';
import { gradeVms, latestPointPerVm, type ProtectedVm } from './vm-rpo.ts';

const now = new Date('2026-11-24T12:00:00Z');
const rollUp = (points: ReplicaPoint[], protectedVms: ProtectedVm[]) =>
  gradeVms(latestPointPerVm(points, protectedVms), 60, now);
const point = (vmName: string, replicaId: string, minutesAgo: number, tenant: string): ReplicaPoint => ({
  id: `em.${replicaId}.${minutesAgo}`,
  ref: { source: 'em', kind: 'CloudVmReplicaPoint', nativeId: `${replicaId}-${minutesAgo}` },
  vmName,
  pointTime: new Date(now.getTime() - minutesAgo * 60_000).toISOString(),
  pointType: 'Increment',
  nativeState: 'Ready',
  replicaName: `${tenant} replication`,
  replicaId,
  backupServer: 'vbr01',
  tenant,
});

describe('RPO per VM', () => {
  it("keeps two tenants' VMs of the same name apart, so a fresh one never hides a stale one", () => {
    const rows = rollUp(
      [
        point('dc01', 'r-a', 10, 'Tenant A'),
        point('dc01', 'r-a', 70, 'Tenant A'),
        point('dc01', 'r-b', 300, 'Tenant B'),
      ],
      [],
    );
    expect(rows.map((r) => [r.tenant, r.status, r.pointCount]).sort()).toEqual([
      ['Tenant A', 'compliant', 2],
      ['Tenant B', 'critical', 1],
    ]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
  });

  it('grades each ratio of age to target, and a protected VM with no point as unknown', () => {
    const rows = rollUp(
      [
        point('a', 'r', 59, 'T'),
        point('b', 'r2', 120, 'T'),
        point('c', 'r3', 240, 'T'),
        point('d', 'r4', 241, 'T'),
      ],
      [
        { source: 'em', vmName: 'a', tenant: 'T' },
        { source: 'em', vmName: 'never', tenant: 'T' },
      ],
    );
    expect(Object.fromEntries(rows.map((r) => [r.vmName, r.status]))).toEqual({
      a: 'compliant',
      b: 'exceeded',
      c: 'severe',
      d: 'critical',
      never: 'unknown',
    });
  });

  it("keeps a protected VM without points when another tenant's VM of the same name has some", () => {
    const rows = rollUp(
      [point('dc01', 'r-a', 10, 'Tenant A')],
      [
        { source: 'em', vmName: 'dc01', tenant: 'Tenant A' },
        { source: 'em', vmName: 'dc01', tenant: 'Tenant B' },
      ],
    );
    expect(rows.map((r) => [r.tenant, r.status]).sort()).toEqual([
      ['Tenant A', 'compliant'],
      ['Tenant B', 'unknown'],
    ]);
  });

  it('gives distinct ids to names that only differ by where a dot falls', () => {
    const rows = rollUp([point('b.c', 'a', 10, 'T'), point('c', 'a.b', 10, 'T')], []);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
  });

  it('never reports a negative age for a point stamped in the future', () => {
    const [row] = rollUp([point('a', 'r', -30, 'T')], []);
    expect(row).toMatchObject({ ageSeconds: 0, status: 'compliant' });
  });
});
