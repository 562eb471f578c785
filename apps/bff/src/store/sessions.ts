import { createHash, randomBytes } from 'node:crypto';
import { Role } from '@lifeboat/shared';
import { and, eq, gt, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from './database.ts';
import { kioskLinks, sessions, users } from './schema.ts';

/** Idle and absolute lifetimes of a browser session (SEC-07). */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** The longest a kiosk session (and its cookie) lasts: browsers keep no cookie longer than 400 days. */
export const KIOSK_SESSION_MAX_MS = 400 * 24 * 60 * 60_000;
/** A kiosk session holds exactly this role, whatever anyone configures. */
export const KIOSK_ROLES: readonly Role[] = ['viewer'];
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface ActiveSession {
  idHash: string;
  /** The user, or `kiosk: <name>` for a session opened with a kiosk link. */
  username: string;
  roles: Role[];
  csrfToken: string;
  /** The kiosk link the session was opened with; null for a user's session. */
  kioskLinkId: string | null;
}

/** SHA-256 (base64url) of a secret token, as stored in place of the token. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** The name a kiosk session acts under, in the audit and in /auth/me. */
export const kioskActor = (linkName: string) => `kiosk: ${linkName}`;
const Roles = z.array(Role);

/** A new session: the cookie value (256 random bits) is returned once and only its hash is stored. */
export async function createSession(db: Database, username: string, now = new Date()) {
  await deleteExpiredSessions(db, now);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    idHash: hashToken(token),
    username,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
  });
  return { token, csrfToken };
}

/**
 * A session bound to a kiosk link: no idle timeout, and it ends when the link does (`expiresAt`,
 * the link's expiry capped at KIOSK_SESSION_MAX_MS) or when the link is revoked.
 */
export async function createKioskSession(
  db: Database,
  link: { id: string; expiresAt: Date | null },
  now = new Date(),
) {
  await deleteExpiredSessions(db, now);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const longest = now.getTime() + KIOSK_SESSION_MAX_MS;
  const expiresAt = new Date(Math.min(link.expiresAt?.getTime() ?? longest, longest));
  await db.insert(sessions).values({
    idHash: hashToken(token),
    kioskLinkId: link.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

/**
 * Which sessions are live, for a query joining users and kiosk_links: a user's until
 * SESSION_IDLE_MS without a request; a kiosk session with no idle timeout, while its link is
 * neither revoked nor expired. Both end at their expiresAt.
 */
const live = (now: Date) =>
  and(
    gt(sessions.expiresAt, now),
    or(
      and(isNotNull(users.username), gt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS))),
      and(
        isNotNull(kioskLinks.id),
        isNull(kioskLinks.revokedAt),
        or(isNull(kioskLinks.expiresAt), gt(kioskLinks.expiresAt, now)),
      ),
    ),
  );

/**
 * The live session for a cookie value, or null; refreshes its idle clock. A kiosk session is
 * checked against its link on every request, so revoking or expiring the link ends it at once.
 */
export async function findSession(
  db: Database,
  token: string,
  now = new Date(),
): Promise<ActiveSession | null> {
  const idHash = hashToken(token);
  const [row] = await db
    .select({
      idHash: sessions.idHash,
      username: sessions.username,
      kioskLinkId: sessions.kioskLinkId,
      kioskName: kioskLinks.name,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      roles: users.roles,
    })
    .from(sessions)
    .leftJoin(users, eq(users.username, sessions.username))
    .leftJoin(kioskLinks, eq(kioskLinks.id, sessions.kioskLinkId))
    .where(and(eq(sessions.idHash, idHash), live(now)));
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
    if (row.kioskLinkId)
      await db.update(kioskLinks).set({ lastUsedAt: now }).where(eq(kioskLinks.id, row.kioskLinkId));
  }
  // The where clause let the row through on its user or on its live kiosk link.
  const identity =
    row.kioskName !== null
      ? { username: kioskActor(row.kioskName), roles: [...KIOSK_ROLES] }
      : { username: row.username!, roles: Roles.parse(row.roles) };
  return { idHash: row.idHash, ...identity, csrfToken: row.csrfToken, kioskLinkId: row.kioskLinkId };
}

/**
 * Whether a session is still live, without refreshing its idle clock: for a long-lived response
 * (the event stream) that must end with its session but must not keep it alive.
 */
export async function isSessionLive(db: Database, idHash: string, now = new Date()): Promise<boolean> {
  const [row] = await db
    .select({ idHash: sessions.idHash })
    .from(sessions)
    .leftJoin(users, eq(users.username, sessions.username))
    .leftJoin(kioskLinks, eq(kioskLinks.id, sessions.kioskLinkId))
    .where(and(eq(sessions.idHash, idHash), live(now)));
  return row !== undefined;
}

export async function deleteSession(db: Database, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

export async function deleteExpiredSessions(db: Database, now = new Date()): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
