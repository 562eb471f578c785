// Comparing a property's value with a filter value, or two items for sorting, under the console's
// collations (helpcenter.veeam.com/docs/vac/rest/filter.html): ordinal compares character by
// character (the default), ignorecase the same ignoring case, lexicographic words with words and
// numbers with numbers. Numbers, booleans and date-times compare by value whatever the collation.

import type { Json } from './vspc-json.ts';

export const COLLATIONS = ['ordinal', 'ignorecase', 'lexicographic'] as const;
export type Collation = (typeof COLLATIONS)[number];

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Negative, zero or positive as `left` sorts before, with or after `right`; undefined when the two
 * cannot be compared (a number with a word, null with anything but null, objects).
 */
export function compareValues(left: Json, right: Json, collation: Collation): number | undefined {
  if (left === null || right === null) return left === right ? 0 : undefined;
  if (typeof left === 'number') {
    const number =
      typeof right === 'number'
        ? right
        : typeof right === 'string' && right.trim() !== ''
          ? Number(right)
          : NaN;
    return Number.isNaN(number) ? undefined : Math.sign(left - number);
  }
  if (typeof left === 'boolean') {
    const flag =
      typeof right === 'boolean' ? right : right === 'true' ? true : right === 'false' ? false : undefined;
    return flag === undefined ? undefined : Number(left) - Number(flag);
  }
  if (typeof left !== 'string' || typeof right !== 'string') return undefined;
  if (DATE_TIME.test(left) && DATE_TIME.test(right)) return Math.sign(Date.parse(left) - Date.parse(right));
  return compareText(left, right, collation);
}

function compareText(left: string, right: string, collation: Collation): number {
  if (collation === 'lexicographic')
    return left.localeCompare(right, 'en', { numeric: true, sensitivity: 'base' });
  const [a, b] = collation === 'ignorecase' ? [left.toLowerCase(), right.toLowerCase()] : [left, right];
  return a < b ? -1 : a > b ? 1 : 0;
}
