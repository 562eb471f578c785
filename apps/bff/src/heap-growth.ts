import { subscribe } from 'node:diagnostics_channel';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { FULL_READS } from '@lifeboat/upstreams';

/**
 * How far the heap may grow past what a full collection left live before the next one, while
 * that grows (a first sync of a million points): 30%, not V8's factor of up to four, keeps that
 * sync's peak under 1 GiB (decision 019).
 */
export const GROWING_PERCENT = 30;
/**
 * The same once it holds steady: each full collection marks the whole inventory, and at 30% one
 * came every 3 s under list reads and put their p99 over 50 ms (decision 022).
 */
export const STEADY_PERCENT = 100;
/**
 * Growth of the old generation between two full collections at most which a growing heap counts
 * as steady: a sync that fills the inventory grows it by 3 to 10% between two at 30%.
 */
const STEADY_UNDER = 0.02;
/** The same above which a steady heap counts as growing again (it wavers by up to 3% under reads). */
const GROWING_OVER = 0.05;

/**
 * The heap's growing percent after a full collection that left `live` bytes, where the last left
 * `before` and the percent was `percent`. While a read of a whole inventory runs, what is live
 * grows however little it did between two collections (one mid-sync saw under 2% and let the
 * heap double: 1,122 MiB at `large`).
 */
export function growingPercent(percent: number, before: number, live: number, fullRead: boolean): number {
  if (fullRead) return GROWING_PERCENT;
  const growth = live / before - 1;
  if (percent === STEADY_PERCENT) return growth > GROWING_OVER ? GROWING_PERCENT : STEADY_PERCENT;
  return growth <= STEADY_UNDER ? STEADY_PERCENT : GROWING_PERCENT;
}

/**
 * Sets V8's heap growing percent (read at each collection, for this thread and the workers alike)
 * to GROWING_PERCENT, then after each full collection by how much what it left live grew, and
 * back to GROWING_PERCENT as soon as a full read starts (`FULL_READS`).
 */
export function growHeapByPhase(): void {
  let percent = GROWING_PERCENT;
  const use = (next: number) => {
    percent = next;
    setFlagsFromString(`--heap-growing-percent=${percent}`);
  };
  use(GROWING_PERCENT);
  let fullReads = 0;
  subscribe(FULL_READS, (started) => {
    fullReads += started ? 1 : -1;
    if (started && percent !== GROWING_PERCENT) use(GROWING_PERCENT);
  });
  let before = 0;
  const observer = new PerformanceObserver((list) => {
    const entries = list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[];
    if (!entries.some((e) => e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)) return;
    const live = oldGenerationBytes();
    const next = growingPercent(percent, before, live, fullReads > 0);
    before = live;
    if (next !== percent) use(next);
  });
  observer.observe({ entryTypes: ['gc'] });
}

/** Bytes in use outside the young generation: what a full collection left, plus what was promoted since. */
function oldGenerationBytes(): number {
  let bytes = 0;
  for (const s of getHeapSpaceStatistics()) if (!s.space_name.startsWith('new_')) bytes += s.space_used_size;
  return bytes;
}
