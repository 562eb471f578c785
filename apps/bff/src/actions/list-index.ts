import type { SortOrder } from '@lifeboat/shared';
import { inSlices, Slices } from '@lifeboat/upstreams';

export type SortKey = string | number | null;

/** A view of a list: its items in one sort order, maybe filtered. */
export interface ListView<T> {
  /** Names the sort order and the filters; the same name over the same array is the same view. */
  name: string;
  sortName: string;
  sortKey: (item: T) => SortKey;
  order: SortOrder;
  /** Null: every item. */
  matches: ((item: T) => boolean) | null;
  /**
   * The array the list was made from item by item (item i from basis[i]), when this order is the
   * same for every list made from it (the RPO list is graded anew when a grade changes, its VMs'
   * order by name, newest point or age is not): the order is then sorted once per basis, not per list.
   */
  basis?: readonly object[];
}

/** Filtered views kept per list, least recently used dropped first. */
const MAX_FILTERED = 8;
/** Keys that are all whole numbers below this (or null) are sorted by counting, in one pass. */
const BUCKETS = 64;
/** Items sorted at once before runs are merged: a run sorts within a slice. */
const RUN = 4096;

/** One sort order of a list: where each position's item stands in the list, and the reverse. */
interface Positions {
  /** at[pos]: the index in the list of the item at `pos` in this order. */
  at: Uint32Array;
  /** rank[i]: the position of the list's item i in this order. */
  rank: Uint32Array;
}

interface Order<T> extends Positions {
  items: readonly T[];
}

interface Prepared<T> {
  /** What `madeOnce` made from the list, by name. */
  made: Map<string, Promise<unknown>>;
  /** Recent filtered views, oldest first, holding at most as many items as the list. */
  filtered: Map<string, readonly T[]>;
  filteredItems: number;
}

/**
 * Lists are immutable arrays replaced whole when a poll changes them, so what is prepared for one
 * lives exactly as long as the array: keyed by its identity, dropped with it.
 */
const prepared = new WeakMap<readonly object[], Prepared<object>>();

function preparedFor<T extends object>(all: readonly T[]): Prepared<T> {
  let p = prepared.get(all) as Prepared<T> | undefined;
  if (!p) {
    p = { made: new Map(), filtered: new Map(), filteredItems: 0 };
    prepared.set(all, p);
  }
  return p;
}

/**
 * What is made from a list (a sort order, an index), made once on first use and kept as long as
 * the list: requests asking while it is built share the build. A failed build (none is expected)
 * is not kept: the next request tries again.
 */
export function madeOnce<V>(list: readonly object[], name: string, build: () => Promise<V>): Promise<V> {
  const { made } = preparedFor(list);
  let value = made.get(name) as Promise<V> | undefined;
  if (!value) {
    value = build();
    made.set(name, value);
    value.catch(() => made.delete(name));
  }
  return value;
}

/**
 * The items of a view, in order. A sort is made once per array and order (or per basis), in
 * slices that let other requests run; a filtered view is one pass over the list, kept so that
 * paging through it does not pass again.
 */
export async function viewOf<T extends object>(all: readonly T[], view: ListView<T>): Promise<readonly T[]> {
  const orderName = `${view.sortName}:${view.order}`;
  const sort = () => sortPositions(all, view.sortKey, view.order);
  const order: Order<T> = await madeOnce(all, `order ${orderName}`, async () => {
    const { at, rank } = await (view.basis?.length === all.length
      ? madeOnce(view.basis, `positions ${orderName}`, sort)
      : sort());
    return { at, rank, items: Array.from(at, (i) => all[i]!) };
  });
  if (!view.matches) return order.items;
  const p = preparedFor(all);
  const cached = p.filtered.get(view.name);
  if (cached) {
    p.filtered.delete(view.name);
    p.filtered.set(view.name, cached);
    return cached;
  }
  const items = filterInOrder(all, order, view.matches);
  p.filtered.set(view.name, items);
  p.filteredItems += items.length;
  for (const [name, old] of p.filtered) {
    if (name === view.name || (p.filtered.size <= MAX_FILTERED && p.filteredItems <= all.length)) break;
    p.filtered.delete(name);
    p.filteredItems -= old.length;
  }
  return items;
}

/**
 * A stable sort with nulls last in either order: equal keys keep the list's order, so the sorted
 * list filtered is in the same order as the filtered list sorted.
 */
async function sortPositions<T>(
  all: readonly T[],
  sortKey: (item: T) => SortKey,
  order: SortOrder,
): Promise<Positions> {
  const keys: SortKey[] = [];
  await inSlices(all, (item) => keys.push(sortKey(item)));
  const at = countingSort(keys, order) ?? (await mergeSort(keys, order));
  const rank = new Uint32Array(all.length);
  at.forEach((i, pos) => (rank[i] = pos));
  return { at, rank };
}

/**
 * Runs of RUN sorted at once, then merged pairwise, giving way between slices: a million items
 * take a second or two in all, and no request waits that long behind them. Ties keep the list's
 * order (the comparison ends on the index).
 */
async function mergeSort(keys: readonly SortKey[], order: SortOrder): Promise<Uint32Array> {
  const dir = order === 'asc' ? 1 : -1;
  const before = (a: number, b: number) => {
    const [ka, kb] = [keys[a]!, keys[b]!];
    if (ka === kb) return a - b;
    if (ka === null) return 1;
    if (kb === null) return -1;
    return (ka < kb ? -1 : 1) * dir;
  };
  const n = keys.length;
  const slices = new Slices();
  let from = new Uint32Array(n);
  for (let lo = 0; lo < n; lo += RUN) {
    const run = Array.from({ length: Math.min(RUN, n - lo) }, (_, i) => lo + i).sort(before);
    from.set(run, lo);
    if (slices.due(1)) await slices.next();
  }
  let to = new Uint32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let [i, j, k] = [lo, mid, lo];
      while (k < hi) {
        to[k++] = j >= hi || (i < mid && before(from[i]!, from[j]!) <= 0) ? from[i++]! : from[j++]!;
        if (slices.due()) await slices.next();
      }
    }
    [from, to] = [to, from];
  }
  return from;
}

/** Small whole-number keys (a grade, a severity) in one pass; null when the keys are not all such. */
function countingSort(keys: readonly SortKey[], order: SortOrder): Uint32Array | null {
  const counts = new Uint32Array(BUCKETS + 1);
  for (const k of keys) {
    if (k === null) counts[BUCKETS]!++;
    else if (typeof k === 'number' && Number.isInteger(k) && k >= 0 && k < BUCKETS)
      counts[bucketOf(k, order)]!++;
    else return null;
  }
  const start = new Uint32Array(BUCKETS + 1);
  for (let b = 1; b <= BUCKETS; b++) start[b] = start[b - 1]! + counts[b - 1]!;
  const at = new Uint32Array(keys.length);
  keys.forEach((k, i) => (at[start[k === null ? BUCKETS : bucketOf(k as number, order)]!++] = i));
  return at;
}

const bucketOf = (k: number, order: SortOrder) => (order === 'asc' ? k : BUCKETS - 1 - k);

/**
 * The matching items in the order. The list is tested in its own order (its items lie in memory
 * that way; walking them sorted is several times slower), marking where each match stands.
 */
function filterInOrder<T>(all: readonly T[], order: Order<T>, matches: (item: T) => boolean): T[] {
  const hit = new Uint8Array(all.length);
  all.forEach((item, i) => {
    if (matches(item)) hit[order.rank[i]!] = 1;
  });
  const items: T[] = [];
  hit.forEach((h, pos) => {
    if (h) items.push(order.items[pos]!);
  });
  return items;
}
