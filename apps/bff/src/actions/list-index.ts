import type { SortOrder } from '@lifeboat/shared';

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
}

/** Filtered views kept per list, least recently used dropped first. */
const MAX_FILTERED = 8;

/** One sort order of a list: its items in that order, and where each item of the list stands in it. */
interface Order<T> {
  items: readonly T[];
  /** rank[i]: the position of the list's item i in `items`. */
  rank: Uint32Array;
}

interface Prepared<T> {
  /** Each sort order, built on first use. */
  orders: Map<string, Order<T>>;
  /** Recent filtered views, oldest first, holding at most as many items as the list. */
  filtered: Map<string, readonly T[]>;
  filteredItems: number;
}

/**
 * Lists are immutable arrays replaced whole when a poll changes them, so what is prepared for one
 * lives exactly as long as the array: keyed by its identity, dropped with it.
 */
const prepared = new WeakMap<readonly object[], Prepared<object>>();

/**
 * The items of a view, in order. A sort is made once per array and order; a filtered view is one
 * pass over the list, kept so that paging through it does not pass again.
 */
export function viewOf<T extends object>(all: readonly T[], view: ListView<T>): readonly T[] {
  let p = prepared.get(all) as Prepared<T> | undefined;
  if (!p) {
    p = { orders: new Map(), filtered: new Map(), filteredItems: 0 };
    prepared.set(all, p);
  }
  const orderName = `${view.sortName}:${view.order}`;
  let order = p.orders.get(orderName);
  if (!order) {
    order = sortItems(all, view.sortKey, view.order);
    p.orders.set(orderName, order);
  }
  if (!view.matches) return order.items;
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
function sortItems<T>(all: readonly T[], sortKey: (item: T) => SortKey, order: SortOrder): Order<T> {
  const dir = order === 'asc' ? 1 : -1;
  const keyed = all
    .map((item, i) => ({ i, key: sortKey(item) }))
    .sort((a, b) => {
      if (a.key === b.key) return 0;
      if (a.key === null) return 1;
      if (b.key === null) return -1;
      return (a.key < b.key ? -1 : 1) * dir;
    });
  const items = new Array<T>(all.length);
  const rank = new Uint32Array(all.length);
  keyed.forEach(({ i }, pos) => {
    items[pos] = all[i]!;
    rank[i] = pos;
  });
  return { items, rank };
}

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
