import { randomUUID } from 'node:crypto';
import type { KioskLink } from '@lifeboat/shared';
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Database, Transaction } from './database.ts';
import { kioskLinks } from './schema.ts';
import { credentialState, deleteKioskLinkSessions, hashToken, newSecret } from './sessions.ts';

export type KioskLinkRow = typeof kioskLinks.$inferSelect;

/** A new link: its token (256 random bits) is returned once and only its hash is stored. */
export async function insertKioskLink(
  db: Database | Transaction,
  link: { name: string; createdBy: string; expiresAt: Date | null },
  now = new Date(),
): Promise<{ row: KioskLinkRow; token: string }> {
  const token = newSecret();
  const [row] = await db
    .insert(kioskLinks)
    .values({ id: randomUUID(), ...link, tokenHash: hashToken(token), createdAt: now })
    .returning();
  return { row: row!, token };
}

/** Every link, newest first. */
export async function listKioskLinks(db: Database): Promise<KioskLinkRow[]> {
  return db.select().from(kioskLinks).orderBy(desc(kioskLinks.createdAt), desc(kioskLinks.id));
}

export async function findKioskLink(db: Database | Transaction, id: string): Promise<KioskLinkRow | null> {
  const [row] = await db.select().from(kioskLinks).where(eq(kioskLinks.id, id));
  return row ?? null;
}

export async function findKioskLinkByToken(
  db: Database | Transaction,
  token: string,
): Promise<KioskLinkRow | null> {
  const [row] = await db
    .select()
    .from(kioskLinks)
    .where(eq(kioskLinks.tokenHash, hashToken(token)));
  return row ?? null;
}

/**
 * Marks the token's link used, if it is live (neither revoked nor expired), and returns it. An
 * UPDATE rather than a read: it locks the row, so a revocation running at the same time (another
 * BFF instance) waits for this sign-in and then ends the session it opened.
 */
export async function markKioskLinkUsed(
  tx: Transaction,
  token: string,
  now = new Date(),
): Promise<KioskLinkRow | null> {
  const [row] = await tx
    .update(kioskLinks)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(kioskLinks.tokenHash, hashToken(token)),
        isNull(kioskLinks.revokedAt),
        or(isNull(kioskLinks.expiresAt), gt(kioskLinks.expiresAt, now)),
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * Revokes the link and deletes its sessions; null when it was already revoked. Call it in a
 * transaction, so the revocation and the end of its sessions commit together.
 */
export async function revokeKioskLink(
  tx: Transaction,
  id: string,
  now = new Date(),
): Promise<{ row: KioskLinkRow; sessionsEnded: number } | null> {
  const [row] = await tx
    .update(kioskLinks)
    .set({ revokedAt: now })
    .where(and(eq(kioskLinks.id, id), isNull(kioskLinks.revokedAt)))
    .returning();
  if (!row) return null;
  return { row, sessionsEnded: await deleteKioskLinkSessions(tx, id) };
}

/** A link as the API shows it: never its token hash. */
export function toKioskLink(row: KioskLinkRow, now = new Date()): KioskLink {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: row.id,
    name: row.name,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: iso(row.expiresAt),
    revokedAt: iso(row.revokedAt),
    lastUsedAt: iso(row.lastUsedAt),
    state: credentialState(row, now),
  };
}
