// The query parameters every collection takes (limit, offset, filter, sort, expand, select) and
// applying them: filter, then sort, then page. Parameter names match case-insensitively, as the
// console's ASP.NET binding does. `select` is accepted and ignored: every property is returned.

import { parseFilter, matches, propertyValue, type FilterCondition } from './filter.ts';
import { parseSort, sortItems, type SortKey } from './sort.ts';
import { badParameter } from './vspc-errors.ts';
import { collectionBody, type JsonObject } from './vspc-json.ts';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;
/** Where expanded entities go: filter and sort on them need them built. */
export const EMBEDDED_PREFIX = '_embedded.';

export interface CollectionQuery {
  readonly limit: number;
  readonly offset: number;
  readonly filter: readonly FilterCondition[];
  readonly sort: readonly SortKey[];
  /** Requested expansions, as the documentation spells them (e.g. BackupServerJob). */
  readonly expand: ReadonlySet<string>;
}

export function parseCollectionQuery(url: URL, expandable: readonly string[]): CollectionQuery {
  const limit = integerParam(url, 'limit', DEFAULT_LIMIT);
  if (limit < 1 || limit > MAX_LIMIT)
    throw badParameter('limit', `Property value must be in range from 1 to ${MAX_LIMIT}.`);
  const offset = integerParam(url, 'offset', 0);
  if (offset < 0) throw badParameter('offset', 'Property value must be larger or equal to 0.');
  const filter = param(url, 'filter');
  const sort = param(url, 'sort');
  return {
    limit,
    offset,
    filter: filter === undefined ? [] : parseFilter(filter),
    sort: sort === undefined ? [] : parseSort(sort),
    expand: parseExpand(url, expandable),
  };
}

/** Whether filtering or sorting looks into expanded entities (so they must be built even if not shown). */
export function queryNeedsEmbedded(query: CollectionQuery): boolean {
  return [...query.filter, ...query.sort].some((entry) => entry.property.startsWith(EMBEDDED_PREFIX));
}

/**
 * Filters, sorts and pages the items into the collection envelope. A filter or sort property the
 * items do not have is refused (checked on the first item: every item has the same properties).
 * `finish` turns a kept item into what is returned (adds or removes what expand asks for).
 */
export function collectionPage(
  items: readonly JsonObject[],
  query: CollectionQuery,
  finish: (item: JsonObject) => JsonObject = (item) => item,
): JsonObject {
  const first = items[0];
  if (first) {
    for (const { property } of query.filter) {
      if (propertyValue(first, property) === undefined)
        throw badParameter('filter', `Unknown property: ${property}.`);
    }
    for (const { property } of query.sort) {
      if (propertyValue(first, property) === undefined)
        throw badParameter('sort', `Unknown property: ${property}.`);
    }
  }
  const kept = items.filter((item) => query.filter.every((condition) => matches(item, condition)));
  const page = sortItems(kept, query.sort)
    .slice(query.offset, query.offset + query.limit)
    .map(finish);
  return collectionBody(page, kept.length, query.offset);
}

function param(url: URL, name: string): string | undefined {
  return paramAll(url, name)[0];
}

function paramAll(url: URL, name: string): string[] {
  const wanted = name.toLowerCase();
  return [...url.searchParams].filter(([key]) => key.toLowerCase() === wanted).map(([, value]) => value);
}

function integerParam(url: URL, name: string, fallback: number): number {
  const text = param(url, name);
  if (text === undefined) return fallback;
  if (!/^[+-]?\d+$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) {
    throw badParameter(name, `The value '${text}' is not valid for ${name}.`);
  }
  return Number(text);
}

/** `expand` is an array parameter: repeated (expand=A&expand=B) or comma-separated. */
function parseExpand(url: URL, expandable: readonly string[]): Set<string> {
  const requested = paramAll(url, 'expand')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  return new Set(
    requested.map((value) => {
      const known = expandable.find((name) => name.toLowerCase() === value.toLowerCase());
      if (!known) throw badParameter('expand', `The value '${value}' is not valid for expand.`);
      return known;
    }),
  );
}
