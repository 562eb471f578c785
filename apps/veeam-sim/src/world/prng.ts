// Deterministic randomness for the world. Two tools:
// - a sequential generator (mulberry32) for building the world once, in a fixed order;
// - a stateless hash of integers, for facts computed on demand later (a run's delay, a point's id),
//   so that nothing needs to be stored per restore point and the answer never depends on call order.

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Weighted choice: `weights` maps each option to its relative weight. */
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T;
  shuffle<T>(items: readonly T[]): T[];
  /** Four fresh 32-bit words, e.g. for a GUID. */
  words(): [number, number, number, number];
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = (): number => nextUint32() / 0x1_0000_0000;
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)] as (typeof items)[number];
    },
    weighted: (weights) => {
      const entries = Object.entries(weights) as [keyof typeof weights, number][];
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [option, weight] of entries) {
        roll -= weight;
        if (roll < 0) return option;
      }
      return (entries[entries.length - 1] as [keyof typeof weights, number])[0];
    },
    shuffle: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j] as (typeof copy)[number], copy[i] as (typeof copy)[number]];
      }
      return copy;
    },
    words: () => [nextUint32(), nextUint32(), nextUint32(), nextUint32()],
  };
}

/** Stateless 32-bit hash of a few integers (murmur3 finaliser over a running mix). */
export function hash32(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    h = Math.imul(h ^ (value >>> 0), 0x85ebca6b);
    h = (h << 13) | (h >>> 19);
    h = Math.imul(h, 5) + 0xe6546b64;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Stateless uniform float in [0, 1) from a few integers. */
export function hashUnit(...values: number[]): number {
  return hash32(...values) / 0x1_0000_0000;
}
