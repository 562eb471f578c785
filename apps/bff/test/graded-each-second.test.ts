// The RPO list grades its VMs at most once a second, so its prepared orders serve that second.
import { describe, expect, it } from 'vitest';
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
    const first = grade(vms, targetOf, new Date('2026-11-24T12:00:00.100Z'));
    expect(first).toEqual(gradeVms(vms, targetOf, new Date('2026-11-24T12:00:00.100Z')));
    expect(grade(vms, targetOf, new Date('2026-11-24T12:00:00.900Z'))).toBe(first);

    const nextSecond = grade(vms, targetOf, new Date('2026-11-24T12:00:01.000Z'));
    expect(nextSecond).not.toBe(first);
    expect(nextSecond[0]!.ageSeconds).toBe(3601);

    const polled = await vmsAt('2026-11-24T11:30:00.000Z');
    expect(grade(polled, targetOf, new Date('2026-11-24T12:00:01.500Z'))[0]!.ageSeconds).toBe(1802);
  });
});
