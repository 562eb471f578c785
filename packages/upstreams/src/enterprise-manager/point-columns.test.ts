import type { ReplicaPoint } from '@lifeboat/shared';
import { describe, expect, it } from 'vitest';
import { eachPoint, keepRow, toColumns } from './point-columns.ts';

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
    const back: ReplicaPoint[] = [];
    eachPoint(structuredClone(toColumns(points)), 'em', (row) => back.push(keepRow(row)));
    expect(JSON.parse(JSON.stringify(back))).toEqual(points);
  });

  it('are lent one row at a time, which reads each point in turn', () => {
    const points = [point(1), point(2, { tenant: 'Contoso' }), point(3)];
    const seen: string[] = [];
    let lent: unknown;
    eachPoint(toColumns(points), 'em', (row) => {
      lent ??= row;
      expect(row).toBe(lent);
      seen.push(`${row.id} ${row.pointTime} ${row.tenant} ${row.ref.nativeId}`);
    });
    expect(seen).toEqual(points.map((p) => `${p.id} ${p.pointTime} ${p.tenant} ${p.ref.nativeId}`));
  });

  it('carry each text a page repeats once', () => {
    const columns = toColumns(Array.from({ length: 100 }, (_, n) => point(n)));
    expect(columns.ids).toHaveLength(100);
    expect([...columns.texts].sort()).toEqual(
      [null, 'Increment', 'Ready', 'replica-0', 'replica-1', 'vbr01', 'vm0', 'vm1'].sort(),
    );
  });
});
