// The query service's filter language, as documented: `field<op>value` with ==, !=, <, >, <=, >=;
// `;` is AND and binds tighter than `,` (OR); parentheses group; values may be "quoted" (needed for
// spaces, commas, semicolons). Field names are case-insensitive. Enums compare by their documented
// order, dates as instants, strings case-insensitively.

import type { EmContext } from '../em-xml.ts';
import type { FieldValue, QueryField } from '../resources/resource.ts';

export type Operator = '==' | '!=' | '<' | '>' | '<=' | '>=';

export type FilterNode =
  | { readonly kind: 'and' | 'or'; readonly operands: readonly FilterNode[] }
  | { readonly kind: 'compare'; readonly field: string; readonly operator: Operator; readonly value: string };

export class FilterError extends Error {}

const OPERATORS: readonly Operator[] = ['==', '!=', '<=', '>=', '<', '>'];

export function parseFilter(text: string): FilterNode {
  let position = 0;
  const skipSpaces = () => {
    while (text[position] === ' ') position++;
  };
  const fail = (message: string): never => {
    throw new FilterError(`${message} at position ${position + 1} of the filter`);
  };

  const parseList = (kind: 'or' | 'and', separator: string, parseOperand: () => FilterNode): FilterNode => {
    const operands = [parseOperand()];
    skipSpaces();
    while (text[position] === separator) {
      position++;
      operands.push(parseOperand());
      skipSpaces();
    }
    return operands.length === 1 ? (operands[0] as FilterNode) : { kind, operands };
  };
  const parseOr = (): FilterNode => parseList('or', ',', parseAnd);
  const parseAnd = (): FilterNode => parseList('and', ';', parseFactor);
  const parseFactor = (): FilterNode => {
    skipSpaces();
    if (text[position] !== '(') return parseComparison();
    position++;
    const inner = parseOr();
    skipSpaces();
    if (text[position] !== ')') fail('expected ")"');
    position++;
    return inner;
  };
  const parseComparison = (): FilterNode => {
    const field = /^[A-Za-z][A-Za-z0-9_.]*/.exec(text.slice(position))?.[0] ?? fail('expected a field name');
    position += field.length;
    skipSpaces();
    const operator =
      OPERATORS.find((op) => text.startsWith(op, position)) ?? fail(`expected an operator after "${field}"`);
    position += operator.length;
    skipSpaces();
    return { kind: 'compare', field, operator, value: parseValue() };
  };
  const parseValue = (): string => {
    if (text[position] !== '"') {
      const bare = /^[^;,()"]*/.exec(text.slice(position))?.[0] ?? '';
      position += bare.length;
      if (bare.trim() === '') fail('expected a value');
      return bare.trim();
    }
    const end = text.indexOf('"', position + 1);
    if (end < 0) fail('unterminated quoted value');
    const value = text.slice(position + 1, end);
    position = end + 1;
    return value;
  };

  const tree = parseOr();
  skipSpaces();
  if (position < text.length) fail(`unexpected "${text[position]}"`);
  return tree;
}

/** Turns a parsed filter into a predicate over one resource type; unknown fields and bad values fail early. */
export function compileFilter<T>(
  node: FilterNode,
  fields: Readonly<Record<string, QueryField<T>>>,
): (item: T, ctx: EmContext) => boolean {
  if (node.kind !== 'compare') {
    const operands = node.operands.map((operand) => compileFilter(operand, fields));
    return node.kind === 'and'
      ? (item, ctx) => operands.every((test) => test(item, ctx))
      : (item, ctx) => operands.some((test) => test(item, ctx));
  }
  const field = fields[node.field.toLowerCase()];
  if (!field) throw new FilterError(`unknown field "${node.field}"`);
  const expected = literal(field, node.value, node.field);
  return (item, ctx) => {
    const actual = comparable(field, field.get(item, ctx));
    if (actual === undefined) return node.operator === '!=';
    return holds(compareValues(actual, expected), node.operator);
  };
}

/**
 * The earliest value of a date field that an item matching the filter can have, where the filter
 * sets one (`CreationTime>=...`): a scan may skip anything older. AND keeps the latest of its
 * operands' bounds, OR the earliest (and none if one operand has none).
 */
export function lowerBound<T>(
  node: FilterNode,
  name: string,
  fields: Readonly<Record<string, QueryField<T>>>,
): number | undefined {
  if (node.kind === 'compare') {
    const field = fields[name];
    const bounds = node.operator === '>=' || node.operator === '>' || node.operator === '==';
    if (field?.kind !== 'date' || node.field.toLowerCase() !== name || !bounds) return undefined;
    return literal(field, node.value, node.field) as number;
  }
  const operands = node.operands.map((operand) => lowerBound(operand, name, fields));
  const known = operands.filter((bound) => bound !== undefined);
  if (node.kind === 'and') return known.length === 0 ? undefined : Math.max(...known);
  return known.length < operands.length ? undefined : Math.min(...known);
}

/** An item's field value in the form it is compared in: enum position, epoch ms, number, lower-case text. */
export function comparable<T>(field: QueryField<T>, value: FieldValue): string | number | undefined {
  if (value === undefined) return undefined;
  if (field.kind === 'enum') return field.values.indexOf(String(value));
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/** A filter's literal in the same form; a literal that cannot be one of the field's values fails. */
function literal<T>(field: QueryField<T>, raw: string, name: string): string | number {
  switch (field.kind) {
    case 'enum': {
      const index = field.values.findIndex((value) => value.toLowerCase() === raw.toLowerCase());
      if (index < 0) throw new FilterError(`"${raw}" is not a value of ${name} (${field.values.join(', ')})`);
      return index;
    }
    case 'date': {
      // A time without a zone is taken as UTC, as every time in this API is.
      const ms = Date.parse(/[zZ]$|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`);
      if (Number.isNaN(ms)) throw new FilterError(`"${raw}" is not a date for ${name}`);
      return ms;
    }
    case 'number': {
      const numeric = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(numeric))
        throw new FilterError(`"${raw}" is not a number for ${name}`);
      return numeric;
    }
    case 'string':
      return raw.toLowerCase();
  }
}

export function compareValues(a: string | number, b: string | number): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function holds(order: number, operator: Operator): boolean {
  switch (operator) {
    case '==':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '>=':
      return order >= 0;
  }
}
