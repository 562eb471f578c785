// The `sort` query parameter. The console's own syntax is not documented where we could read it, so
// this takes the form Veeam's other REST APIs document: [{"property":"<p>","direction":"<d>"}], where
// the direction is ascending or descending (ASC/DESC also accepted); the first key sorts first.

import { badParameter } from './vspc-errors.ts';
import { propertyValue } from './filter.ts';
import { compareValues } from './value-comparison.ts';
import type { Json, JsonObject } from './vspc-json.ts';

export interface SortKey {
  readonly property: string;
  readonly descending: boolean;
}

const PARAMETER = 'sort';

export function parseSort(text: string): SortKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badParameter(PARAMETER, 'The sort parameter is not valid JSON.');
  }
  if (!Array.isArray(parsed)) throw badParameter(PARAMETER, 'The sort parameter must be a JSON array.');
  return parsed.map((entry: unknown): SortKey => {
    const { property, direction = 'ascending' } = (
      typeof entry === 'object' && entry !== null ? entry : {}
    ) as Record<string, unknown>;
    if (typeof property !== 'string' || property === '')
      throw badParameter(PARAMETER, 'A sort expression has no property.');
    const word = String(direction).toLowerCase();
    if (!['ascending', 'asc', 'descending', 'desc'].includes(word))
      throw badParameter(PARAMETER, `Unknown sort direction: ${String(direction)}.`);
    return { property, descending: word.startsWith('desc') };
  });
}

/** A stable sort; null (and a missing value) sorts before any value in ascending order. */
export function sortItems(items: JsonObject[], keys: readonly SortKey[]): JsonObject[] {
  if (keys.length === 0) return items;
  const nullRank = (value: Json): number => (value === null ? 0 : 1);
  return [...items].sort((a, b) => {
    for (const key of keys) {
      const x = propertyValue(a, key.property) ?? null;
      const y = propertyValue(b, key.property) ?? null;
      const order = compareValues(x, y, 'ordinal') ?? nullRank(x) - nullRank(y);
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  });
}
