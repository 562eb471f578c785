import type { EntityRef, ItemEnvelope } from '@lifeboat/shared';
import { NotFound } from '../errors.ts';
import type { Inventory } from '../inventory/inventory.ts';

/** One item of a polled collection by id, with the freshness of its source. */
export async function getItem<T extends { id: string; ref: EntityRef }>(
  inv: Inventory,
  items: () => readonly T[],
  what: string,
  id: string,
): Promise<ItemEnvelope<T>> {
  await inv.settled();
  const item = items().find((x) => x.id === id);
  const poller = item && inv.poller(item.ref.source);
  if (!item || !poller) throw new NotFound(`No ${what} ${id}.`);
  return { item, asOf: new Date().toISOString(), sources: [poller.status()] };
}
