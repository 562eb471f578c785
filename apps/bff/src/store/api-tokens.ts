import { randomUUID } from 'node:crypto';
import type { ApiToken, Role } from '@lifeboat/shared';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database, Transaction } from './database.ts';
import { apiTokens } from './schema.ts';
import { credentialState, hashToken, newSecret } from './sessions.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** A new token: its secret (256 random bits) is returned once and only its hash is stored. */
export async function insertApiToken(
  db: Database | Transaction,
  token: { name: string; role: Role; createdBy: string; expiresAt: Date },
  now = new Date(),
): Promise<{ row: ApiTokenRow; secret: string }> {
  const secret = newSecret();
  const [row] = await db
    .insert(apiTokens)
    .values({ id: randomUUID(), ...token, tokenHash: hashToken(secret), createdAt: now })
    .returning();
  return { row: row!, secret };
}

/** Every token, newest first. */
export async function listApiTokens(db: Database): Promise<ApiTokenRow[]> {
  return db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function findApiToken(db: Database | Transaction, id: string): Promise<ApiTokenRow | null> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row ?? null;
}

/** Revokes the token; null when it was already revoked (or does not exist). */
export async function revokeApiTokenRow(
  tx: Transaction,
  id: string,
  now = new Date(),
): Promise<ApiTokenRow | null> {
  const [row] = await tx
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  return row ?? null;
}

/** A token as the API shows it: never its hash. */
export function toApiToken(row: ApiTokenRow, now = new Date()): ApiToken {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: iso(row.revokedAt),
    lastUsedAt: iso(row.lastUsedAt),
    state: credentialState(row, now),
  };
}
