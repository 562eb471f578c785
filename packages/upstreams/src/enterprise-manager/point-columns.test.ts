import type { ReplicaPoint } from '@lifeboat/shared';
import { describe, expect, it } from 'vitest';
import { fromColumns, toColumns } from './point-columns.ts';

const point = (n: number, over: Partial<ReplicaPoint> = {}): ReplicaPoint => ({
  id: `em.${n}`,
  ref: { source: 'em', kind: 'CloudVmReplicaPoint', nativeId: String(n) },
  vmName: `vm${n % 2}`,
  pointTime: new Date(Date.UTC(2026, 10, 30, n)).toISOString(),
  pointType: 'Increment',
  nativeState: 'Ready',
  replicaName: `vm${n % 2}`,
  replicaId: `replica-${n % 2}`,
  backupServer: 'vbr01',
  tenant: null,
  ...over,
});

describe('restore points in columns', () => {
  it('come back from a structured clone as the points they were, nulls and all', () => {
    const points = [
      point(1),
      point(2, { pointType: null, nativeState: null, backupServer: null }),
      point(3, { replicaName: null, replicaId: null, tenant: 'Contoso' }),
      point(4, { vmName: 'R&D "web" <01>', pointTime: '2026-11-30T10:00:00.250Z' }),
    ];
    const back = fromColumns(structuredClone(toColumns(points)), 'em');
    expect(JSON.parse(JSON.stringify(back))).toEqual(points);
  });

  it('carry each text a page repeats once', () => {
    const columns = toColumns(Array.from({ length: 100 }, (_, n) => point(n)));
    expect(columns.ids).toHaveLength(100);
    expect([...columns.texts].sort()).toEqual(
      [null, 'Increment', 'Ready', 'replica-0', 'replica-1', 'vbr01', 'vm0', 'vm1'].sort(),
    );
  });
});
