import type { ListEnvelope, SortOrder, SourceStatus } from '@lifeboat/shared';
import { InputError } from '../errors.ts';
import { keptForAnswers } from '../http/send-json.ts';
import { viewOf, type SortKey } from './list-index.ts';

/** An exact-match filter: the value asked for (undefined: not filtered) and the test of an item for it. */
export type Filter<T> = [wanted: string | undefined, test: (item: T, wanted: string) => boolean];

export interface ListParams<T, S extends string> {
  /** Case-insensitive text search over these fields. */
  q?: string;
  searchIn: (item: T) => (string | null)[];
  /** The wanted values name the filtered view that is kept for the next page: a test reads only its item and value. */
  filters: Filter<T>[];
  /** Each order the list offers, by name, and the one asked for. */
  sortKeys: Record<S, (item: T) => SortKey>;
  sort: S;
  order: SortOrder;
  limit: number;
  cursor?: string;
  /**
   * The array the list was made from item by item, and the sorts whose order is the same for
   * every list made from it (list-index.ts `ListView.basis`).
   */
  basis?: { items: readonly object[]; sorts: readonly S[] };
}

/**
 * Filter, search, sort and page an in-memory list into the list envelope. Nulls sort last. A page
 * costs its own size: orders and filtered views are prepared once per list array (list-index.ts).
 */
export async function listPage<T extends object, S extends string>(
  all: readonly T[],
  p: ListParams<T, S>,
  sources: SourceStatus[],
  asOf: Date,
): Promise<ListEnvelope<T>> {
  const needle = p.q?.trim().toLowerCase() || undefined;
  const filters = p.filters.filter((f): f is [string, Filter<T>[1]] => f[0] !== undefined);
  const matches =
    filters.length || needle
      ? (item: T) =>
          filters.every(([wanted, test]) => test(item, wanted)) &&
          (!needle || p.searchIn(item).some((v) => v !== null && v.toLowerCase().includes(needle)))
      : null;
  const sorted = await viewOf(all, {
    name: JSON.stringify([p.sort, p.order, needle, p.filters.map(([wanted]) => wanted ?? null)]),
    sortName: p.sort,
    sortKey: p.sortKeys[p.sort],
    order: p.order,
    matches,
    ...(p.basis?.sorts.includes(p.sort) ? { basis: p.basis.items } : {}),
  });
  const offset = decodeCursor(p.cursor);
  const items = pageOf(sorted, offset, p.limit);
  const next = offset + p.limit;
  return {
    items,
    total: sorted.length,
    nextCursor: next < sorted.length ? encodeCursor(next) : null,
    asOf: asOf.toISOString(),
    sources,
  };
}

/** Pages kept per view, least recently used dropped first, and the most items a kept page has. */
const MAX_PAGES = 32;
const MAX_PAGE_ITEMS = 500;
const pages = new WeakMap<readonly object[], Map<string, object[]>>();

/**
 * Items `offset` to `offset + limit` of a view. A page of the same view is the same array for
 * every request while the list stays (views live as long as their list, list-index.ts), so what
 * is made of it, such as its JSON (send-json.ts), is made once. Callers must not change it.
 */
function pageOf<T extends object>(view: readonly T[], offset: number, limit: number): T[] {
  if (limit > MAX_PAGE_ITEMS) return view.slice(offset, offset + limit);
  let kept = pages.get(view) as Map<string, T[]> | undefined;
  if (!kept) {
    kept = new Map<string, T[]>();
    pages.set(view, kept);
  }
  const key = `${offset}:${limit}`;
  let page = kept.get(key);
  if (page) kept.delete(key);
  else page = keptForAnswers(view.slice(offset, offset + limit));
  kept.set(key, page);
  if (kept.size > MAX_PAGES) kept.delete(kept.keys().next().value!);
  return page;
}

/** The tenant filter: the same tenant name in any case (a tenantless item never matches). */
export function sameTenant(wanted: string, tenant: string | null): boolean {
  return tenant !== null && tenant.toLowerCase() === wanted.toLowerCase();
}

/** Cursors are opaque to clients; today they carry an offset. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new InputError('cursor is not valid; start again from the first page');
  return Number(m[1]);
}
