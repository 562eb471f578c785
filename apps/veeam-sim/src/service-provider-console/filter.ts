// The `filter` query parameter: a JSON array of conditions that must all hold,
// [{"property":"<p>","operation":"<op>","collation":"<c>","value":<v>}], where a nested property is
// named by its path ("_embedded.backupServerJob.status"). Logical operations (and/or/not) are not
// simulated: the documentation does not show their JSON.

import { badParameter } from './vspc-errors.ts';
import { COLLATIONS, compareValues, type Collation } from './value-comparison.ts';
import type { Json, JsonObject } from './vspc-json.ts';

const OPERATIONS = [
  'equals',
  'notEquals',
  'lessThan',
  'lessThanOrEqual',
  'greaterThan',
  'greaterThanOrEqual',
  'contains',
  'in',
  'subset',
  'superset',
] as const;
type Operation = (typeof OPERATIONS)[number];
/** Operations whose value is a list of values. */
const LIST_OPERATIONS: ReadonlySet<Operation> = new Set(['in', 'subset', 'superset']);

export interface FilterCondition {
  readonly property: string;
  readonly operation: Operation;
  readonly collation: Collation;
  readonly value: Json;
}

const PARAMETER = 'filter';

export function parseFilter(text: string): FilterCondition[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badParameter(PARAMETER, 'The filter is not valid JSON.');
  }
  if (!Array.isArray(parsed))
    throw badParameter(PARAMETER, 'The filter must be a JSON array of filter expressions.');
  return parsed.map(parseCondition);
}

function parseCondition(entry: unknown): FilterCondition {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw badParameter(PARAMETER, 'Each filter expression must be a JSON object.');
  }
  const { property, operation, collation = 'ordinal', value } = entry as Record<string, unknown>;
  if (typeof property !== 'string' || property === '')
    throw badParameter(PARAMETER, 'A filter expression has no property.');
  const op = OPERATIONS.find((known) => known.toLowerCase() === String(operation).toLowerCase());
  if (!op) throw badParameter(PARAMETER, `Unknown filter operation: ${String(operation)}.`);
  const coll = COLLATIONS.find((known) => known === String(collation).toLowerCase());
  if (!coll) throw badParameter(PARAMETER, `Unknown collation: ${String(collation)}.`);
  if (value === undefined)
    throw badParameter(PARAMETER, `The filter expression on ${property} has no value.`);
  if (LIST_OPERATIONS.has(op) !== Array.isArray(value)) {
    throw badParameter(
      PARAMETER,
      `The value of the ${op} operation on ${property} must ${LIST_OPERATIONS.has(op) ? '' : 'not '}be an array.`,
    );
  }
  return { property, operation: op, collation: coll, value: value as Json };
}

/** The value at a dotted path, or undefined when the item has no such property. */
export function propertyValue(item: JsonObject, path: string): Json | undefined {
  let current: Json | undefined = item;
  for (const key of path.split('.')) {
    if (
      typeof current !== 'object' ||
      current === null ||
      Array.isArray(current) ||
      !Object.hasOwn(current, key)
    )
      return undefined;
    current = current[key];
  }
  return current;
}

export function matches(item: JsonObject, condition: FilterCondition): boolean {
  const actual = propertyValue(item, condition.property) ?? null;
  const { value, collation } = condition;
  const same = (a: Json, b: Json) => compareValues(a, b, collation) === 0;
  const order = compareValues(actual, value, collation);
  switch (condition.operation) {
    case 'equals':
      return order === 0;
    case 'notEquals':
      return order !== 0;
    case 'lessThan':
      return order !== undefined && order < 0;
    case 'lessThanOrEqual':
      return order !== undefined && order <= 0;
    case 'greaterThan':
      return order !== undefined && order > 0;
    case 'greaterThanOrEqual':
      return order !== undefined && order >= 0;
    case 'contains':
      if (Array.isArray(actual)) return actual.some((element) => same(element, value));
      return (
        typeof actual === 'string' && typeof value === 'string' && containsText(actual, value, collation)
      );
    case 'in':
      return (value as Json[]).some((candidate) => same(actual, candidate));
    case 'subset':
      return (
        Array.isArray(actual) &&
        actual.every((element) => (value as Json[]).some((candidate) => same(element, candidate)))
      );
    case 'superset':
      return (
        Array.isArray(actual) &&
        (value as Json[]).every((candidate) => actual.some((element) => same(element, candidate)))
      );
  }
}

/** ignorecase and lexicographic both ignore case when looking for a part of a text. */
function containsText(text: string, part: string, collation: Collation): boolean {
  return collation === 'ordinal' ? text.includes(part) : text.toLowerCase().includes(part.toLowerCase());
}
