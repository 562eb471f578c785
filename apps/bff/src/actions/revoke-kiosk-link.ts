import type { KioskLink } from '@lifeboat/shared';
import { NotFound } from '../errors.ts';
import { appendAudit } from '../store/audit.ts';
import type { Database } from '../store/database.ts';
import { findKioskLink, revokeKioskLink as revoke, toKioskLink } from '../store/kiosk-links.ts';
import type { Actor } from './operation-deps.ts';

/**
 * Revokes a kiosk link: the link, the end of its sessions and the `kiosk_link.revoke` record
 * commit together, so the display it signed in loses access with its very next request. Revoking
 * a revoked link changes nothing and answers the link as it is.
 */
export async function revokeKioskLink(
  db: Database,
  id: string,
  actor: Actor,
  now = new Date(),
): Promise<KioskLink> {
  return db.transaction(async (tx) => {
    const revoked = await revoke(tx, id, now);
    if (!revoked) {
      const existing = await findKioskLink(tx, id);
      if (!existing) throw new NotFound(`There is no kiosk link ${id}.`);
      return toKioskLink(existing, now);
    }
    await appendAudit(tx, {
      actor: actor.username,
      roles: actor.roles,
      action: 'kiosk_link.revoke',
      target: id,
      params: { name: revoked.row.name, sessionsEnded: revoked.sessionsEnded },
      outcome: 'ok',
      requestId: actor.requestId,
    });
    return toKioskLink(revoked.row, now);
  });
}
