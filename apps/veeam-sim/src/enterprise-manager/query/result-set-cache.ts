// Result sets kept between the pages of a query, so that page P+1 costs a page, not another pass
// over the inventory. A set goes after a minute without use, and beyond a few dozen sets the least
// recently used one goes: the largest (a filter matching a million restore points) is 4 MB.

import { performance } from 'node:perf_hooks';
import type { ResultSet } from './result-set.ts';

export interface ResultSetCache {
  /** The set kept under `key` when `reuse` allows it, otherwise a new one from `make`, kept under `key`. */
  get(key: string, reuse: boolean, make: () => ResultSet): ResultSet;
}

export interface ResultSetCacheOptions {
  readonly idleMs?: number;
  readonly capacity?: number;
  readonly realNow?: () => number;
}

export function createResultSetCache({
  idleMs = 60_000,
  capacity = 32,
  realNow = () => performance.now(),
}: ResultSetCacheOptions = {}): ResultSetCache {
  // In order of last use, oldest first (a Map keeps insertion order; a use re-inserts).
  const kept = new Map<string, { set: ResultSet; usedMs: number }>();
  return {
    get(key, reuse, make) {
      const nowMs = realNow();
      for (const [oldKey, entry] of kept) {
        if (nowMs - entry.usedMs <= idleMs) break;
        kept.delete(oldKey);
      }
      const found = kept.get(key);
      kept.delete(key);
      const set = reuse && found ? found.set : make();
      kept.set(key, { set, usedMs: nowMs });
      if (kept.size > capacity) kept.delete(kept.keys().next().value as string);
      return set;
    },
  };
}
