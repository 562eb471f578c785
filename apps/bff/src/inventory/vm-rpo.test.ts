import type { ReplicaPoint } from '@lifeboat/shared';
import { describe, expect, it } from 'vitest';
import { gradeVmsEachSecond } from './graded-each-second.ts';
import { rpoTargetResolver, type RpoTargetResolver } from './rpo-targets.ts';
import { latestPointPerVm, tallyRpo, withAge, type ProtectedVm, type VmLatest } from './vm-rpo.ts';

const now = new Date('2026-11-24T12:00:00Z');
/** Each VM's RPO as answered at `now`. */
const gradeVms = async (vms: VmLatest[], targetOf: RpoTargetResolver) => {
  const graded = await gradeVmsEachSecond()(vms, targetOf, now);
  return graded.vms.map((v) => withAge(v, graded.at));
};
const rollUp = async (points: ReplicaPoint[], protectedVms: ProtectedVm[]) =>
  gradeVms(await latestPointPerVm(points, protectedVms), rpoTargetResolver({ defaultTargetMinutes: 60 }));
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
  it("keeps two tenants' VMs of the same name apart, so a fresh one never hides a stale one", async () => {
    const rows = await rollUp(
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

  it('grades each ratio of age to target, and a protected VM with no point as unknown', async () => {
    const rows = await rollUp(
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

  it("keeps a protected VM without points when another tenant's VM of the same name has some", async () => {
    const rows = await rollUp(
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

  it('gives distinct ids to names that only differ by where a dot falls', async () => {
    const rows = await rollUp([point('b.c', 'a', 10, 'T'), point('c', 'a.b', 10, 'T')], []);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
  });

  it('counts VMs per grade, in all and per tenant, once per graded array', async () => {
    const vms = await latestPointPerVm(
      [point('a', 'r', 10, 'T1'), point('b', 'r2', 300, 'T1'), point('c', 'r3', 10, 'T2')],
      [{ source: 'em', vmName: 'never', tenant: null }],
    );
    const graded = (await gradeVmsEachSecond()(vms, rpoTargetResolver({ defaultTargetMinutes: 60 }), now))
      .vms;
    const tally = tallyRpo(graded);
    const none = { compliant: 0, exceeded: 0, severe: 0, critical: 0, unknown: 0 };
    expect(tally.all).toEqual({ ...none, compliant: 2, critical: 1, unknown: 1 });
    expect(Object.fromEntries(tally.byTenant)).toEqual({
      T1: { ...none, compliant: 1, critical: 1 },
      T2: { ...none, compliant: 1 },
      null: { ...none, unknown: 1 },
    });
    expect(tallyRpo(graded)).toBe(tally);
    expect(tallyRpo([...graded])).not.toBe(tally);
  });

  it('never reports a negative age for a point stamped in the future', async () => {
    const [row] = await rollUp([point('a', 'r', -30, 'T')], []);
    expect(row).toMatchObject({ ageSeconds: 0, status: 'compliant' });
  });
});

describe('RPO targets', () => {
  const targets = rpoTargetResolver({
    defaultTargetMinutes: 60,
    tenants: { 'Tenant A': 240, 'Tenant B': 30 },
    jobs: { 'Tenant A replication': 120, 'r-b': 20 },
    vms: { web: 45 },
    tenantVms: { 'Tenant A': { dc01: 5 } },
  });
  const grade = async (points: ReplicaPoint[]) =>
    Object.fromEntries(
      (await gradeVms(await latestPointPerVm(points, []), targets)).map((r) => [
        `${r.tenant}/${r.vmName}`,
        [r.targetMinutes, r.targetSource, r.status],
      ]),
    );

  it('grades each VM against the most specific target that names it: VM in its tenant, VM, job, tenant, default', async () => {
    expect(
      await grade([
        point('dc01', 'r-a', 10, 'Tenant A'),
        point('web', 'r-a', 50, 'Tenant A'),
        point('app', 'r-a', 130, 'Tenant A'),
        point('dc01', 'r-b', 10, 'Tenant B'),
        point('app', 'r-c', 50, 'Tenant C'),
      ]),
    ).toEqual({
      'Tenant A/dc01': [5, 'vm', 'exceeded'],
      'Tenant A/web': [45, 'vm', 'exceeded'],
      'Tenant A/app': [120, 'job', 'exceeded'],
      // The job's native id names it too, and a job outranks the tenant.
      'Tenant B/dc01': [20, 'job', 'compliant'],
      'Tenant C/app': [60, 'default', 'compliant'],
    });
  });

  it('falls back to the tenant, and never reads a name as an object property', async () => {
    const rows = await gradeVms(
      await latestPointPerVm([], [{ source: 'em', vmName: 'constructor', tenant: 'Tenant B' }]),
      targets,
    );
    expect(rows.map((r) => [r.targetMinutes, r.targetSource, r.status])).toEqual([[30, 'tenant', 'unknown']]);
  });
});
