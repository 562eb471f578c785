import type { ReplicaPoint } from '@lifeboat/shared';
import { describe, expect, it } from 'vitest';
import { keptPoint, pointMs } from './kept-point.ts';

const read: ReplicaPoint = {
  id: 'em.2f1c',
  ref: { source: 'em', kind: 'CloudVmReplicaPoint', nativeId: '2f1c' },
  vmName: 'web01',
  pointTime: '2026-11-30T10:00:00.250Z',
  pointType: 'Increment',
  nativeState: 'Ready',
  replicaName: 'web01',
  replicaId: 'replica-1',
  backupServer: 'vbr01',
  tenant: null,
};

const keep = (p: ReplicaPoint) =>
  keptPoint(
    p.id,
    p.ref.source,
    p.vmName,
    Date.parse(p.pointTime),
    p.pointType,
    p.nativeState,
    p.replicaName,
    p.replicaId,
    p.backupServer,
    p.tenant,
  );

describe('a kept restore point', () => {
  it('reads and writes as the point it was kept from, its time included', () => {
    const kept = keep(read);
    expect(kept.pointTime).toBe(read.pointTime);
    expect(JSON.parse(JSON.stringify(kept))).toEqual(read);
    expect(JSON.parse(JSON.stringify(kept.withTenant('Contoso')))).toEqual({ ...read, tenant: 'Contoso' });
  });

  it('tells its time in ms as a point written as text does', () => {
    expect(pointMs(keep(read))).toBe(Date.parse('2026-11-30T10:00:00.250Z'));
    expect(pointMs(read)).toBe(pointMs(keep(read)));
  });

  it('keeps every time to the millisecond: the last of a minute, the epoch, before it, far ahead', () => {
    for (const pointTime of [
      '2026-11-30T10:00:59.999Z',
      '1970-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.001Z',
      '2150-06-01T00:00:00.001Z',
    ]) {
      const kept = keep({ ...read, pointTime });
      expect(kept.pointTime).toBe(pointTime);
      expect(pointMs(kept)).toBe(Date.parse(pointTime));
    }
  });
});
