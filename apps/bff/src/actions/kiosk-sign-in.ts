import type { User } from '@lifeboat/shared';
import { Unauthorized } from '../errors.ts';
import { appendAudit } from '../store/audit.ts';
import type { Database, Transaction } from '../store/database.ts';
import { findKioskLinkByToken, markKioskLinkUsed, type KioskLinkRow } from '../store/kiosk-links.ts';
import { createKioskSession, credentialState, KIOSK_ROLES, kioskActor } from '../store/sessions.ts';
import { clientParams, type ClientContext } from './sign-in.ts';

/** Why a kiosk sign-in was refused, in the audit. */
type KioskRefusal = 'unknown link' | 'expired' | 'revoked' | 'throttled';

const REFUSED: Record<Exclude<KioskRefusal, 'throttled'>, string> = {
  'unknown link': 'This kiosk link is not valid. Ask an admin for a new one.',
  expired: 'This kiosk link has expired. Ask an admin for a new one.',
  revoked: 'This kiosk link was revoked. Ask an admin for a new one.',
};

/**
 * Opens a read-only session (the viewer role) with a kiosk link's token, bound to the link. Every
 * attempt is audited as `kiosk_link.sign_in`: `ok` in the same transaction as the new session,
 * `refused` with why. Neither the audit nor the database ever holds the token.
 */
export async function kioskSignIn(
  db: Database,
  token: string,
  client: ClientContext,
  now = new Date(),
): Promise<{ token: string; csrfToken: string; expiresAt: Date; user: User }> {
  const opened = await db.transaction(async (tx) => {
    const link = await markKioskLinkUsed(tx, token, now);
    if (!link) return null;
    const session = await createKioskSession(tx, link, now);
    const user = { username: kioskActor(link.name), roles: [...KIOSK_ROLES] };
    await auditKioskSignIn(tx, client, link, null);
    return { ...session, user };
  });
  if (opened) return opened;
  const link = await findKioskLinkByToken(db, token);
  // A link that is active again by now was revoked or expired at the moment of the attempt.
  const state = link ? credentialState(link, now) : null;
  const refusal = state === null ? 'unknown link' : state === 'active' ? 'expired' : state;
  await auditKioskSignIn(db, client, link, { refusal });
  throw new Unauthorized(REFUSED[refusal]);
}

/** Audits a kiosk sign-in refused before the token was looked at, because of too many failures. */
export async function auditThrottledKioskSignIn(
  db: Database,
  retryAfterSeconds: number,
  client: ClientContext,
): Promise<void> {
  await auditKioskSignIn(db, client, null, { refusal: 'throttled', retryAfterSeconds });
}

async function auditKioskSignIn(
  db: Database | Transaction,
  client: ClientContext,
  link: KioskLinkRow | null,
  refused: { refusal: KioskRefusal; retryAfterSeconds?: number } | null,
) {
  await appendAudit(db, {
    actor: link ? kioskActor(link.name) : 'anonymous',
    roles: link ? KIOSK_ROLES : [],
    action: 'kiosk_link.sign_in',
    target: link?.id ?? null,
    params: { ...clientParams(client), ...refused },
    outcome: refused ? 'refused' : 'ok',
    requestId: client.requestId,
  });
}
