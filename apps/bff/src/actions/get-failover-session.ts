import type { FailoverSession, ItemEnvelope } from '@lifeboat/shared';
import { NotFound } from '../errors.ts';
import type { Inventory } from '../inventory/inventory.ts';

/**
 * One failover session, as polled. A session still running is re-read from its upstream so its
 * progress is live; if that read fails or is slow, the polled copy is served and the source
 * status says how old it is. Only ids the poll knows are read upstream, so no request can make
 * the BFF call out for arbitrary ids.
 */
export async function getFailoverSession(inv: Inventory, id: string): Promise<ItemEnvelope<FailoverSession>> {
  await inv.settled();
  const polled = inv.list('failoverSessions').find((s) => s.id === id);
  const poller = polled && inv.poller(polled.ref.source);
  if (!polled || !poller) throw new NotFound(`No failover session ${id}.`);
  const item = polled.state !== 'stopped' ? await inv.liveFailoverSession(poller, polled) : polled;
  return { item, asOf: new Date().toISOString(), sources: [poller.status()] };
}
