// The RPO list grades its VMs at most once a second, so its prepared orders serve that second,
// and no request waits for a grading of VMs already graded once.
import { describe, expect, it, vi } from 'vitest';
import { gradeVmsEachSecond } from '../src/inventory/graded-each-second.ts';
import { rpoTargetResolver } from '../src/inventory/rpo-targets.ts';
import { gradeVms, latestPointPerVm } from '../src/inventory/vm-rpo.ts';

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
  it('grades once per second and per set of VMs, as gradeVms grades at the first call', async () => {
    const grade = gradeVmsEachSecond();
    const vms = await vmsAt('2026-11-24T11:00:00.000Z');
    const first = await grade(vms, targetOf, new Date('2026-11-24T12:00:00.100Z'));
    expect(first).toEqual(gradeVms(vms, targetOf, new Date('2026-11-24T12:00:00.100Z')));
    expect(await grade(vms, targetOf, new Date('2026-11-24T12:00:00.900Z'))).toBe(first);

    // The next second: the last grading is served while the new one is made, then the new one.
    const inNextSecond = () => grade(vms, targetOf, new Date('2026-11-24T12:00:01.000Z'));
    expect(await inNextSecond()).toBe(first);
    await vi.waitFor(async () => expect((await inNextSecond())[0]!.ageSeconds).toBe(3601));

    // New VMs (a poll) are graded before they are served.
    const polled = await vmsAt('2026-11-24T11:30:00.000Z');
    expect((await grade(polled, targetOf, new Date('2026-11-24T12:00:01.500Z')))[0]!.ageSeconds).toBe(1802);
  });

  it('grades many VMs in slices, in their order, and requests of the same second share the grading', async () => {
    const grade = gradeVmsEachSecond();
    const [one] = await vmsAt('2026-11-24T11:00:00.000Z');
    // More VMs than one slice grades: each its own, in order.
    const vms = Array.from({ length: 12_345 }, (_, i) => ({ ...one!, id: `vm-${i}`, vmName: `vm-${i}` }));
    const now = new Date('2026-11-24T12:00:00.100Z');
    const [a, b] = await Promise.all([grade(vms, targetOf, now), grade(vms, targetOf, now)]);
    expect(a).toBe(b);
    expect(a).toEqual(gradeVms(vms, targetOf, now));
  });
});
