import { describe, expect, it } from 'vitest';
import { ShardedMap } from './sharded-map.ts';

describe('ShardedMap', () => {
  it('keeps, finds, replaces and deletes entries as a Map does, whatever the keys look like', async () => {
    const map = new ShardedMap<number>();
    const keys = Array.from({ length: 5_000 }, (_, i) => (i % 2 ? String(i) : `em.guid-${i}`));
    keys.forEach((k, i) => map.set(k, i));
    map.set(keys[7]!, -7);
    expect(map.delete(keys[8]!)).toBe(true);
    expect(map.delete('absent')).toBe(false);

    expect(map.size).toBe(4_999);
    expect(map.get(keys[7]!)).toBe(-7);
    expect(map.has(keys[8]!)).toBe(false);
    expect(map.get(keys[4_999]!)).toBe(4_999);
    const entries = [...map];
    expect(new Set(entries.map(([k]) => k))).toEqual(new Set(keys.filter((_, i) => i !== 8)));
    expect(entries.every(([k, v]) => map.get(k) === v)).toBe(true);
    expect(await map.valuesArray()).toEqual([...map.values()]);
    expect([...map.keys()]).toEqual(entries.map(([k]) => k));
  });

  it('lets entries be deleted while it is walked', () => {
    const map = new ShardedMap<number>();
    for (let i = 0; i < 1_000; i++) map.set(`k${i}`, i);
    for (const [k, v] of map) if (v % 2) map.delete(k);
    expect(map.size).toBe(500);
    expect([...map.values()].every((v) => v % 2 === 0)).toBe(true);
  });
});
