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

  it('keeps an id of any shape as it was: a Veeam GUID, one in capitals, another source, any text', () => {
    for (const id of [
      'em.0f8e2a3c-5b71-4d09-9e6a-1c2b3d4e5f60',
      'em.00000000-0000-0000-0000-000000000000',
      'em.ffffffff-ffff-ffff-ffff-ffffffffffff',
      'em.0F8E2A3C-5B71-4D09-9E6A-1C2B3D4E5F60',
      'em.0f8e2a3c-5b71-4d09-9e6a-1c2b3d4e5f6',
      'em.0f8e2a3c+5b71-4d09-9e6a-1c2b3d4e5f60',
      'em2.0f8e2a3c-5b71-4d09-9e6a-1c2b3d4e5f60',
      'em.urn:veeam:CloudVmReplicaPoint:0f8e2a3c-5b71-4d09-9e6a-1c2b3d4e5f60',
    ]) {
      const kept = keep({ ...read, id });
      expect(kept.id).toBe(id);
      expect(kept.ref.nativeId).toBe(id.slice(3));
      expect(kept.withTenant('Contoso').id).toBe(id);
    }
  });
});
