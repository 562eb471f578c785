// The RPO list grades its VMs at most once a second and anew only where a grade changed, so its
// prepared orders serve until one does, and no request waits for a grading of VMs graded once.
import { describe, expect, it, vi } from 'vitest';
import { gradeVmsEachSecond } from '../src/inventory/graded-each-second.ts';
import { rpoTargetResolver } from '../src/inventory/rpo-targets.ts';
import { latestPointPerVm, withAge } from '../src/inventory/vm-rpo.ts';

const targetOf = rpoTargetResolver({ defaultTargetMinutes: 60 });
const vmsAt = (pointTime: string) =>
  latestPointPerVm(
    [
      {
        id: 'em.r.1',
        ref: { source: 'em', kind: 'CloudVmReplicaPoint', nativeId: '1' },
        vmName: 'dc01',
        pointTime,
        pointType: 'Increment',
        nativeState: 'Ready',
        replicaName: 'Tenant A replication',
        replicaId: 'r',
        backupServer: 'vbr01',
        tenant: 'Tenant A',
      },
    ],
    [],
  );

describe('gradeVmsEachSecond', () => {
  it('grades once per second and per set of VMs, and a grade that stays keeps its object', async () => {
    const grade = gradeVmsEachSecond();
    const vms = await vmsAt('2026-11-24T11:00:30.000Z');
    const first = await grade(vms, targetOf, new Date('2026-11-24T12:00:00.100Z'));
    expect(first.vms.map((v) => withAge(v, first.at))).toEqual([
      expect.objectContaining({
        ageSeconds: 3570,
        targetMinutes: 60,
        status: 'compliant',
        tenant: 'Tenant A',
      }),
    ]);
    expect(await grade(vms, targetOf, new Date('2026-11-24T12:00:00.900Z'))).toBe(first);

    // The next second: the last grading is served while the new one is made, then the new one,
    // with the same VMs as long as no grade changed.
    const at = (time: string) => grade(vms, targetOf, new Date(time));
    expect(await at('2026-11-24T12:00:01.000Z')).toBe(first);
    const second = await vi.waitFor(async () => {
      const g = await at('2026-11-24T12:00:01.000Z');
      expect(g.at.toISOString()).toBe('2026-11-24T12:00:01.000Z');
      return g;
    });
    expect(second.vms).toBe(first.vms);

    // Past its target the VM is graded anew.
    await at('2026-11-24T12:00:31.000Z');
    const crossed = await vi.waitFor(async () => {
      const g = await at('2026-11-24T12:00:31.000Z');
      expect(g.vms[0]!.status).toBe('exceeded');
      return g;
    });
    expect(withAge(crossed.vms[0]!, crossed.at).ageSeconds).toBe(3601);

    // New VMs (a poll) are graded before they are served.
    const polled = await vmsAt('2026-11-24T11:30:00.000Z');
    const fresh = await grade(polled, targetOf, new Date('2026-11-24T12:00:31.500Z'));
    expect(withAge(fresh.vms[0]!, fresh.at)).toMatchObject({ ageSeconds: 1832, status: 'compliant' });
  });

  it('grades many VMs in slices, in their order, shares a grading within a second, and grades anew only the VMs whose grade changed', async () => {
    const grade = gradeVmsEachSecond();
    const [one] = await vmsAt('2026-11-24T11:00:00.000Z');
    // More VMs than one slice grades, each a second older than the one before it.
    const vms = Array.from({ length: 12_345 }, (_, i) => {
      const latestMs = Date.parse('2026-11-24T11:00:00.000Z') - i * 1000;
      return {
        ...one!,
        id: `vm-${i}`,
        vmName: `vm-${i}`,
        latest: { ...one!.latest!, pointTime: new Date(latestMs).toISOString() },
        latestMs,
      };
    });
    const now = new Date('2026-11-24T11:59:00.000Z');
    const [a, b] = await Promise.all([grade(vms, targetOf, now), grade(vms, targetOf, now)]);
    expect(a).toBe(b);
    expect(a.vms.map((v) => v.vmName)).toEqual(vms.map((v) => v.vmName));
    // VM i is 3540 + i seconds old: at its 3600 s target from i = 60.
    expect(a.vms.findIndex((v) => v.status !== 'compliant')).toBe(60);

    // Ten seconds on, ten VMs cross each boundary of grade: only they are graded anew.
    const later = new Date('2026-11-24T11:59:10.000Z');
    await grade(vms, targetOf, later);
    const c = await vi.waitFor(async () => {
      const g = await grade(vms, targetOf, later);
      expect(g.at).toBe(later);
      return g;
    });
    const fresh = await gradeVmsEachSecond()(vms, targetOf, later);
    expect(c.vms).toEqual(fresh.vms);
    const changed = fresh.vms.flatMap((v, i) => (v.status === a.vms[i]!.status ? [] : [i]));
    expect(changed).toHaveLength(30);
    expect(c.vms.flatMap((v, i) => (v === a.vms[i] ? [] : [i]))).toEqual(changed);
  });
});
