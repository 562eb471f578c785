import type { FailoverSession, ItemEnvelope } from '@lifeboat/shared';
import { isUpstreamError } from '@lifeboat/upstreams';
import { NotFound } from '../http/errors.ts';
import type { Inventory } from '../inventory/inventory.ts';

/**
 * One failover session. A session still running is re-read from its upstream so progress is live;
 * if that read fails, the polled copy is served and the source status says how old it is.
 */
export async function getFailoverSession(inv: Inventory, id: string): Promise<ItemEnvelope<FailoverSession>> {
  await inv.settled();
  const dot = id.indexOf('.');
  const sourceId = id.slice(0, dot);
  const nativeId = id.slice(dot + 1);
  const poller = dot > 0 ? inv.poller(sourceId) : undefined;
  if (!poller) throw new NotFound(`No failover session ${id}.`);

  const polled = inv.failoverSessions().find((s) => s.id === id);
  let item = polled;
  const live = !polled || polled.state !== 'stopped' ? inv.liveFailoverSession(poller, nativeId) : null;
  if (live) {
    try {
      item = await live;
    } catch (err) {
      if (!isUpstreamError(err)) throw err;
      if (!polled && (err.code === 'not_found' || err.code === 'invalid_id'))
        throw new NotFound(`No failover session ${id}.`);
      if (!polled) throw err;
    }
  }
  if (!item) throw new NotFound(`No failover session ${id}.`);
  return { item, asOf: new Date().toISOString(), sources: [poller.status()] };
}
