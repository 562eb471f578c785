/**
 * A list's view state (search, filters, sort, page) lives in the URL search params, so a reload
 * or a shared link shows the same view. This module parses and serialises it, purely.
 *
 * URL shape: `?q=…&<filter>=…&sort=…&order=asc|desc&limit=…&cursor=…&prev=…&prev=…`
 * - `cursor` is the opaque cursor of the page shown (absent on the first page);
 * - `prev` (repeated) holds the cursors of the pages before it, except the first, so "Previous"
 *   works after a reload; it is never sent to the API.
 * Defaults are left out of the URL; values the API would reject are dropped when parsing, so a
 * hand-edited link never turns into a 400.
 */

export type SortOrder = 'asc' | 'desc';

export type FilterSpec = { values: readonly string[] } | { maxLength: number };

export interface ListSpec<TSort extends string = string, TFilter extends string = string> {
  sorts: readonly TSort[];
  defaultSort: TSort;
  defaultOrder: SortOrder;
  /** The order a column starts in when first clicked (defaults to `asc`). */
  firstOrder?: Partial<Record<TSort, SortOrder>>;
  filters: Record<TFilter, FilterSpec>;
  defaultLimit?: number;
  maxLimit?: number;
  qMaxLength?: number;
  cursorMaxLength?: number;
  /** How many earlier pages "Previous" can walk back through. */
  maxHistory?: number;
}

export interface ListState<TSort extends string = string, TFilter extends string = string> {
  q: string;
  filters: Partial<Record<TFilter, string>>;
  sort: TSort;
  order: SortOrder;
  limit: number;
  cursor: string | null;
  prev: string[];
}

const DEFAULT_LIMIT = 50;
/** The API's MAX_PAGE_SIZE: a whole large estate in one virtualized table. */
const MAX_LIMIT = 100_000;
/** The page sizes offered; any other size in a hand-edited URL still works. */
export const PAGE_SIZES = [25, 50, 100, 500, 1000, 10_000, 100_000] as const;
const Q_MAX = 200;
const CURSOR_MAX = 100;
const HISTORY_MAX = 100;

function limitsOf(spec: ListSpec) {
  return {
    defaultLimit: spec.defaultLimit ?? DEFAULT_LIMIT,
    maxLimit: spec.maxLimit ?? MAX_LIMIT,
    qMax: spec.qMaxLength ?? Q_MAX,
    cursorMax: spec.cursorMaxLength ?? CURSOR_MAX,
    historyMax: spec.maxHistory ?? HISTORY_MAX,
  };
}

function cleanText(value: string | null, maxLength: number): string {
  if (value === null) return '';
  const trimmed = value.trim();
  return trimmed.length > maxLength ? trimmed.slice(0, maxLength).trim() : trimmed;
}

function cleanFilter(value: string | null | undefined, filter: FilterSpec): string | undefined {
  if (value === null || value === undefined) return undefined;
  if ('values' in filter) return filter.values.includes(value) ? value : undefined;
  const text = cleanText(value, filter.maxLength);
  return text === '' ? undefined : text;
}

function isCursor(value: string, max: number): boolean {
  return value !== '' && value.length <= max;
}

function filterKeys<TFilter extends string>(spec: ListSpec<string, TFilter>): TFilter[] {
  return Object.keys(spec.filters) as TFilter[];
}

export function defaultListState<TSort extends string, TFilter extends string>(
  spec: ListSpec<TSort, TFilter>,
): ListState<TSort, TFilter> {
  return {
    q: '',
    filters: {},
    sort: spec.defaultSort,
    order: spec.defaultOrder,
    limit: limitsOf(spec).defaultLimit,
    cursor: null,
    prev: [],
  };
}

export function parseListState<TSort extends string, TFilter extends string>(
  spec: ListSpec<TSort, TFilter>,
  params: URLSearchParams,
): ListState<TSort, TFilter> {
  const lim = limitsOf(spec);
  const state = defaultListState(spec);

  state.q = cleanText(params.get('q'), lim.qMax);

  for (const key of filterKeys(spec)) {
    const value = cleanFilter(params.get(key), spec.filters[key]);
    if (value !== undefined) state.filters[key] = value;
  }

  const sort = params.get('sort');
  if (sort !== null && (spec.sorts as readonly string[]).includes(sort)) state.sort = sort as TSort;
  const order = params.get('order');
  if (order === 'asc' || order === 'desc') state.order = order;

  const limitText = params.get('limit');
  if (limitText !== null && /^\d{1,6}$/.test(limitText)) {
    const limit = Number(limitText);
    if (limit >= 1 && limit <= lim.maxLimit) state.limit = limit;
  }

  const cursor = params.get('cursor');
  if (cursor !== null && isCursor(cursor, lim.cursorMax)) {
    state.cursor = cursor;
    state.prev = params
      .getAll('prev')
      .filter((c) => isCursor(c, lim.cursorMax))
      .slice(-lim.historyMax);
  }
  return state;
}

/** The URL search params for a state; defaults are left out. */
export function serializeListState<TSort extends string, TFilter extends string>(
  spec: ListSpec<TSort, TFilter>,
  state: ListState<TSort, TFilter>,
): URLSearchParams {
  const lim = limitsOf(spec);
  const params = new URLSearchParams();
  const q = cleanText(state.q, lim.qMax);
  if (q) params.set('q', q);
  for (const key of filterKeys(spec)) {
    const value = cleanFilter(state.filters[key], spec.filters[key]);
    if (value !== undefined) params.set(key, value);
  }
  if (state.sort !== spec.defaultSort) params.set('sort', state.sort);
  if (state.order !== spec.defaultOrder) params.set('order', state.order);
  if (state.limit !== lim.defaultLimit) params.set('limit', String(state.limit));
  if (state.cursor) {
    for (const c of state.prev.slice(-lim.historyMax)) params.append('prev', c);
    params.set('cursor', state.cursor);
  }
  return params;
}

/** Exactly the query the API accepts (q, filters, sort, order, limit, cursor); empty ones left out. */
export function toApiQuery<TSort extends string, TFilter extends string>(
  spec: ListSpec<TSort, TFilter>,
  state: ListState<TSort, TFilter>,
): Record<string, string> {
  const query: Record<string, string> = {};
  if (state.q) query.q = state.q;
  for (const key of filterKeys(spec)) {
    const value = state.filters[key];
    if (value) query[key] = value;
  }
  query.sort = state.sort;
  query.order = state.order;
  query.limit = String(state.limit);
  if (state.cursor) query.cursor = state.cursor;
  return query;
}

/** Any change to search, filters or sort starts again at the first page. */
function firstPage<S extends ListState>(state: S): S {
  return { ...state, cursor: null, prev: [] };
}

export function withSearch<S extends ListState>(state: S, q: string): S {
  return firstPage({ ...state, q: q.trim() });
}

export function withFilter<TSort extends string, TFilter extends string>(
  state: ListState<TSort, TFilter>,
  key: TFilter,
  value: string | undefined,
): ListState<TSort, TFilter> {
  const filters = { ...state.filters };
  if (value === undefined || value === '') delete filters[key];
  else filters[key] = value;
  return firstPage({ ...state, filters });
}

/** Clicking a column: the same column flips the order; another one starts in its first order. */
export function withSortToggled<TSort extends string, TFilter extends string>(
  spec: ListSpec<TSort, TFilter>,
  state: ListState<TSort, TFilter>,
  column: TSort,
): ListState<TSort, TFilter> {
  if (state.sort === column) {
    return firstPage({ ...state, order: state.order === 'asc' ? 'desc' : 'asc' });
  }
  return firstPage({ ...state, sort: column, order: spec.firstOrder?.[column] ?? 'asc' });
}

export function withNextPage<S extends ListState>(state: S, nextCursor: string): S {
  const prev = state.cursor ? [...state.prev, state.cursor] : [];
  return { ...state, cursor: nextCursor, prev };
}

export function withPreviousPage<S extends ListState>(state: S): S {
  if (!state.cursor) return state;
  const prev = [...state.prev];
  const cursor = prev.pop() ?? null;
  return { ...state, cursor, prev: cursor ? prev : [] };
}

export function withoutFilters<S extends ListState>(state: S): S {
  return firstPage({ ...state, q: '', filters: {} });
}

export function hasFilters(state: ListState): boolean {
  return state.q !== '' || Object.values(state.filters).some((v) => v !== undefined && v !== '');
}

/** 1-based page number and the range of rows shown, e.g. rows 51–100 on page 2. */
/** Another page size starts again at the first page. */
export function withLimit<S extends ListState>(state: S, limit: number): S {
  return firstPage({ ...state, limit });
}

export function pageRange(state: ListState, shown: number): { page: number; from: number; to: number } {
  const page = state.cursor ? state.prev.length + 2 : 1;
  const from = shown === 0 ? 0 : (page - 1) * state.limit + 1;
  return { page, from, to: shown === 0 ? 0 : from + shown - 1 };
}

/** How many pages `total` items make at this page size (at least one). */
export const pageCount = (total: number, limit: number): number => Math.max(1, Math.ceil(total / limit));
