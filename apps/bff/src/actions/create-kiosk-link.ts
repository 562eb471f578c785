import type { CreatedKioskLink, CreateKioskLinkRequest } from '@lifeboat/shared';
import type { z } from 'zod';
import { InputError } from '../errors.ts';
import { appendAudit } from '../store/audit.ts';
import type { Database } from '../store/database.ts';
import { insertKioskLink, toKioskLink } from '../store/kiosk-links.ts';
import type { Actor } from './operation-deps.ts';

/**
 * Creates a kiosk link and audits it as `kiosk_link.create` in the same transaction. The token is
 * in the answer only: the audit and the database hold the link without it.
 */
export async function createKioskLink(
  db: Database,
  request: z.output<typeof CreateKioskLinkRequest>,
  actor: Actor,
  now = new Date(),
): Promise<CreatedKioskLink> {
  const expiresAt = request.expiresAt === undefined ? null : new Date(request.expiresAt);
  if (expiresAt && expiresAt.getTime() <= now.getTime())
    throw new InputError(
      'expiresAt must lie in the future; leave it out for a link that works until revoked.',
    );
  return db.transaction(async (tx) => {
    const { row, token } = await insertKioskLink(
      tx,
      { name: request.name, createdBy: actor.username, expiresAt },
      now,
    );
    const link = toKioskLink(row, now);
    await appendAudit(tx, {
      actor: actor.username,
      roles: actor.roles,
      action: 'kiosk_link.create',
      target: link.id,
      params: { name: link.name, expiresAt: link.expiresAt },
      outcome: 'ok',
      requestId: actor.requestId,
    });
    return { link, token };
  });
}
