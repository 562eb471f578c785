// A query's answer as positions in its type's inventory, worked out once and then paged through.
// Which items match and in what order is fixed when the set is made (Enterprise Manager, too,
// serves a paged query from a snapshot); the items themselves are looked up again for each page,
// so fields worked out when rendering (a replica's State, a session's progress) stay current.

import type { EmContext } from '../em-xml.ts';
import type { EmResource, Inventory } from '../resources/resource.ts';
import { compareValues, comparable } from './filter.ts';

export interface ResultSet {
  readonly size: number;
  /** The items at positions first .. first + count - 1 of the answer. */
  page(first: number, count: number, ctx: EmContext): Iterable<unknown>;
}

export interface Selection {
  readonly predicate: ((item: unknown, ctx: EmContext) => boolean) | undefined;
  readonly sort: { readonly field: string; readonly descending: boolean } | undefined;
  /** No item created before this can match (from the filter's CreationTime bounds). */
  readonly sinceMs: number | undefined;
}

export function makeResultSet(
  resource: EmResource<unknown>,
  selection: Selection,
  ctx: EmContext,
): ResultSet {
  const inventory = resource.inventory(ctx);
  // Everything in natural order: the answer is the inventory itself, nothing to keep per item.
  if (!selection.predicate && !selection.sort) {
    return {
      size: inventory.size,
      *page(first, count, later) {
        const end = Math.min(first + count, inventory.size);
        for (let position = first; position < end; position++) yield inventory.at(position, later);
      },
    };
  }
  const positions = selectedPositions(inventory, resource, selection, ctx);
  return {
    size: positions.length,
    *page(first, count, later) {
      for (const position of positions.subarray(first, first + count)) yield inventory.at(position, later);
    },
  };
}

/** Positions of the matching items, in the requested order: 4 bytes an item, not the items. */
function selectedPositions(
  inventory: Inventory<unknown>,
  resource: EmResource<unknown>,
  { predicate, sort, sinceMs }: Selection,
  ctx: EmContext,
): Uint32Array {
  const field = sort && resource.fields[sort.field];
  const positions: number[] = [];
  const keys: (string | number | undefined)[] = [];
  inventory.scan((item, position) => {
    if (predicate && !predicate(item, ctx)) return;
    positions.push(position);
    if (field) keys.push(comparable(field, field.get(item, ctx)));
  }, sinceMs);
  if (!field || !sort) return Uint32Array.from(positions);
  // Items without the field go last; ties keep natural order.
  const direction = sort.descending ? -1 : 1;
  const order = positions.map((_, index) => index);
  order.sort((a, b) => {
    const [keyA, keyB] = [keys[a], keys[b]];
    if (keyA === undefined || keyB === undefined) {
      return keyA === keyB ? a - b : keyA === undefined ? 1 : -1;
    }
    return compareValues(keyA, keyB) * direction || a - b;
  });
  return Uint32Array.from(order, (index) => positions[index] as number);
}
