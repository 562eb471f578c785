import { createHash, randomBytes } from 'node:crypto';
import { Role } from '@lifeboat/shared';
import { and, eq, gt, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from './database.ts';
import { sessions, users } from './schema.ts';

/** Idle and absolute lifetimes of a browser session (SEC-07). */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface ActiveSession {
  idHash: string;
  username: string;
  roles: Role[];
  csrfToken: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');
const Roles = z.array(Role);

/** A new session: the cookie value (256 random bits) is returned once and only its hash is stored. */
export async function createSession(db: Database, username: string, now = new Date()) {
  await deleteExpiredSessions(db, now);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    idHash: hash(token),
    username,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
  });
  return { token, csrfToken };
}

/** The live session for a cookie value, or null; refreshes its idle clock. */
export async function findSession(
  db: Database,
  token: string,
  now = new Date(),
): Promise<ActiveSession | null> {
  const idHash = hash(token);
  const [row] = await db
    .select({
      idHash: sessions.idHash,
      username: sessions.username,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      roles: users.roles,
    })
    .from(sessions)
    .innerJoin(users, eq(users.username, sessions.username))
    .where(
      and(
        eq(sessions.idHash, idHash),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS)),
      ),
    );
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  }
  return {
    idHash: row.idHash,
    username: row.username,
    csrfToken: row.csrfToken,
    roles: Roles.parse(row.roles),
  };
}

export async function deleteSession(db: Database, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

export async function deleteExpiredSessions(db: Database, now = new Date()): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
