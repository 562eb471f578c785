import type { ListEnvelope, SortOrder, SourceStatus } from '@lifeboat/shared';
import { InputError } from '../errors.ts';

export interface ListParams<T> {
  /** Case-insensitive text search over these fields. */
  q?: string;
  searchIn: (item: T) => (string | null)[];
  /** Exact-match filters, already applied by the caller when undefined is not given. */
  filters: ((item: T) => boolean)[];
  sortKey: (item: T) => string | number | null;
  order: SortOrder;
  limit: number;
  cursor?: string;
}

/** Filter, search, sort and page an in-memory list into the list envelope. Nulls sort last. */
export function listPage<T>(
  all: readonly T[],
  p: ListParams<T>,
  sources: SourceStatus[],
  asOf: Date,
): ListEnvelope<T> {
  const needle = p.q?.trim().toLowerCase();
  const matching = all.filter(
    (item) =>
      p.filters.every((f) => f(item)) &&
      (!needle || p.searchIn(item).some((v) => v !== null && v.toLowerCase().includes(needle))),
  );
  const dir = p.order === 'asc' ? 1 : -1;
  const sorted = matching
    .map((item) => ({ item, key: p.sortKey(item) }))
    .sort((a, b) => {
      if (a.key === b.key) return 0;
      if (a.key === null) return 1;
      if (b.key === null) return -1;
      return (a.key < b.key ? -1 : 1) * dir;
    })
    .map((x) => x.item);
  const offset = decodeCursor(p.cursor);
  const items = sorted.slice(offset, offset + p.limit);
  const next = offset + p.limit;
  return {
    items,
    total: sorted.length,
    nextCursor: next < sorted.length ? encodeCursor(next) : null,
    asOf: asOf.toISOString(),
    sources,
  };
}

/** The tenant filter: no filter, or the same tenant name in any case (a tenantless item never matches). */
export function sameTenant(wanted: string | undefined, tenant: string | null): boolean {
  return wanted === undefined || (tenant !== null && tenant.toLowerCase() === wanted.toLowerCase());
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
