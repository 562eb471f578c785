import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keptPoint, type KeptPoint } from './kept-point.ts';
import { KeptPoints } from './kept-points.ts';

const point = (id: string, vmName = 'web01'): KeptPoint =>
  keptPoint(id, 'em', vmName, Date.UTC(2026, 10, 30), 'Increment', 'Ready', vmName, null, 'vbr01', null);

/** Veeam's GUIDs and ids of any other shape, as an upstream might send them. */
const ids = Array.from({ length: 5_000 }, (_, i) => (i % 3 ? `em.${randomUUID()}` : `em.point-${i}`));

describe('kept points by id', () => {
  it('keeps, finds, replaces and deletes points as a Map by id does, whatever the ids look like', async () => {
    const points = new KeptPoints();
    ids.forEach((id) => points.set(point(id)));
    const replaced = point(ids[7]!, 'web02');
    points.set(replaced);
    expect(points.delete(ids[8]!)).toBe(true);
    expect(points.delete(ids[8]!)).toBe(false);
    expect(points.delete('em.absent')).toBe(false);

    expect(points.size).toBe(4_999);
    expect(points.get(ids[7]!)).toBe(replaced);
    expect(points.has(ids[8]!)).toBe(false);
    expect(points.get(ids[4_999]!)?.id).toBe(ids[4_999]);
    const all = [...points];
    expect(new Set(all.map((p) => p.id))).toEqual(new Set(ids.filter((_, i) => i !== 8)));
    expect(all.every((p) => points.get(p.id) === p)).toBe(true);
    const array = await points.valuesArray();
    expect(array.length).toBe(all.length);
    const visited = new Set(all);
    expect(array.every((p) => visited.has(p))).toBe(true);
  });

  it('finds every point left after most are deleted in any order, and can take them all back', () => {
    const points = new KeptPoints();
    ids.forEach((id) => points.set(point(id)));
    const gone = new Set(ids.filter((_, i) => i % 5 !== 0));
    for (const id of [...gone].reverse()) expect(points.delete(id)).toBe(true);
    expect(points.size).toBe(ids.length - gone.size);
    for (const id of ids) expect(points.has(id)).toBe(!gone.has(id));
    gone.forEach((id) => points.set(point(id)));
    expect(ids.every((id) => points.get(id)?.id === id)).toBe(true);
  });

  it('lets the point being visited be deleted while it walks', () => {
    const points = new KeptPoints();
    ids.forEach((id, i) => points.set(point(id, `vm${i % 2}`)));
    for (const p of points) if (p.vmName === 'vm1') points.delete(p.id);
    expect(points.size).toBe(2_500);
    expect([...points].every((p) => p.vmName === 'vm0')).toBe(true);
    expect(ids.filter((id) => points.has(id))).toHaveLength(2_500);
  });

  it('answers as a Map by id does through a long run of random sets and deletes', () => {
    const points = new KeptPoints();
    const model = new Map<string, KeptPoint>();
    // A fixed sequence (xorshift), so a failure can be run again; few ids, so slots fill and empty.
    let x = 0x2545f491;
    const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32);
    const pool = ids.slice(0, 300);
    for (let step = 0; step < 20_000; step++) {
      const id = pool[Math.floor(next() * pool.length)]!;
      if (next() < 0.55) {
        const p = point(id, `vm${step}`);
        points.set(p);
        model.set(id, p);
      } else {
        expect(points.delete(id)).toBe(model.delete(id));
      }
      if (step % 1_000 === 0) for (const k of pool) expect(points.get(k)).toBe(model.get(k));
    }
    expect(points.size).toBe(model.size);
    expect(new Set(points)).toEqual(new Set(model.values()));
  });
});
