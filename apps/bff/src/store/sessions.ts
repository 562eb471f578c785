import { createHash, randomBytes } from 'node:crypto';
import { Role, type CredentialState } from '@lifeboat/shared';
import { and, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Coordination } from './coordination.ts';
import type { Database, Transaction } from './database.ts';
import { appendAudit } from './audit.ts';
import { apiTokens, kioskLinks, sessions, users } from './schema.ts';
import { SessionCache, type CachedSession } from './session-cache.ts';

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
  /**
   * The API token the request came with (`Authorization: Bearer`); then there is no session row,
   * `idHash` is the token's hash and `csrfToken` is empty: a bearer request needs no CSRF proof.
   */
  apiTokenId: string | null;
}

/** What a bearer request did, for the audit of a token's use. */
export interface TokenUse {
  method: string;
  path: string;
  requestId: string;
}

/** A new secret (a cookie value, CSRF token, kiosk link or API token): 256 random bits, base64url. */
export const newSecret = () => randomBytes(32).toString('base64url');
/** Whether a string has the shape `newSecret` gives, before it is hashed and looked up. */
export const isSecret = (s: string) => /^[A-Za-z0-9_-]{43}$/.test(s);

/** SHA-256 (base64url) of a secret token, as stored in place of the token. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Whether a kiosk link or an API token still works: revoked first, then past its expiry. */
export function credentialState(
  row: { revokedAt: Date | null; expiresAt: Date | null },
  now = new Date(),
): CredentialState {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** The name a kiosk session acts under, in the audit and in /auth/me. */
export const kioskActor = (linkName: string) => `kiosk: ${linkName}`;
/** The name an API token acts under, in the audit and in /auth/me. */
export const tokenActor = (tokenName: string) => `token: ${tokenName}`;
const Roles = z.array(Role);

/** A new session: the cookie value (256 random bits) is returned once and only its hash is stored. */
export async function createSession(db: Database, username: string, now = new Date()) {
  await deleteExpiredSessions(db, now);
  const token = newSecret();
  const csrfToken = newSecret();
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
  const token = newSecret();
  const csrfToken = newSecret();
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
 * Every session checked lately, so a request does not wait on the database. Each function here
 * that deletes or changes a session row updates it too, and other modules change sessions only
 * through them. (Users are synced from the config before the BFF serves, on a database no entry
 * was read from.) New sessions are not put in: their transaction may yet roll back.
 */
const cache = new SessionCache();

/**
 * The live session for a cookie value, or null; refreshes its idle clock (the write runs after the
 * answer). A kiosk session's link is read with it, and revoking the link ends it in the cache too.
 */
export async function findSession(
  db: Database,
  token: string,
  log: Logger,
  now = new Date(),
): Promise<ActiveSession | null> {
  const entry = await liveEntry(db, hashToken(token), readSession, now);
  if (!entry) return null;
  if (now.getTime() - entry.lastSeenAt > TOUCH_EVERY_MS) touch(db, entry, now, log);
  return { ...entry.session, roles: [...entry.session.roles] };
}

/**
 * The identity of a live API token's secret, or null. Its use is recorded at most once a minute
 * (after the answer): `last_used_at`, and an `api_token.use` audit record naming the request.
 */
export async function findApiTokenSession(
  db: Database,
  secret: string,
  use: TokenUse,
  log: Logger,
  now = new Date(),
): Promise<ActiveSession | null> {
  const entry = await liveEntry(db, hashToken(secret), readApiToken, now);
  if (!entry) return null;
  if (now.getTime() - entry.lastSeenAt > TOUCH_EVERY_MS) recordTokenUse(db, entry, use, now, log);
  return { ...entry.session, roles: [...entry.session.roles] };
}

/** The cached entry when live, else what `read` finds (cached when live); null when not live. */
async function liveEntry(
  db: Database,
  idHash: string,
  read: (db: Database, idHash: string) => Promise<CachedSession | null>,
  now: Date,
): Promise<CachedSession | null> {
  const cached = cache.get(db, idHash);
  if (cached) {
    if (isLive(cached, now)) return cached;
    // Read again: another instance may have seen a request since (the idle clock it stored).
    cache.invalidate(idHash);
  }
  const readStarted = cache.readStarted();
  const entry = await read(db, idHash);
  if (!entry || !isLive(entry, now)) return null;
  cache.fill(db, idHash, entry, readStarted);
  return entry;
}

/**
 * Whether a session is still live, read from the database without refreshing its idle clock: for
 * a long-lived response (the event stream) that must end with its session but must not keep it alive.
 */
export async function isSessionLive(
  db: Database,
  { idHash, apiTokenId }: Pick<ActiveSession, 'idHash' | 'apiTokenId'>,
  now = new Date(),
): Promise<boolean> {
  const read = await (apiTokenId ? readApiToken : readSession)(db, idHash);
  return read !== null && isLive(read, now);
}

/** A user's session until SESSION_IDLE_MS without a request; a kiosk's never idles. Both end at endsAt. */
function isLive(entry: CachedSession, now: Date): boolean {
  const t = now.getTime();
  return t < entry.endsAt && (!entry.idles || entry.lastSeenAt > t - SESSION_IDLE_MS);
}

/**
 * Moves an entry's clock of its last request in the cache at once, and `write`s it to the database
 * in the background. A failed write drops the entry, so the next request reads the stored clock
 * and writes again.
 */
function writeBehind(
  entry: CachedSession,
  now: Date,
  log: Logger,
  what: string,
  write: () => Promise<unknown>,
): void {
  entry.lastSeenAt = now.getTime();
  write().catch((err: unknown) => {
    cache.invalidate(entry.session.idHash);
    log.warn({ err }, `could not record ${what}`);
  });
}

/** A session's last request (and its kiosk link's last use). */
function touch(db: Database, entry: CachedSession, now: Date, log: Logger): void {
  const { idHash, kioskLinkId } = entry.session;
  writeBehind(entry, now, log, "a session's last request", async () => {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
    if (kioskLinkId)
      await db.update(kioskLinks).set({ lastUsedAt: now }).where(eq(kioskLinks.id, kioskLinkId));
  });
}

/**
 * An API token's last use, and an audit record of the request. Each instance keeps its own clock
 * of the last use, so the stored one decides: a use is recorded only when no instance recorded one
 * in the last minute, and the record and the clock are written together.
 */
function recordTokenUse(db: Database, entry: CachedSession, use: TokenUse, now: Date, log: Logger): void {
  const { apiTokenId, username, roles } = entry.session;
  const due = new Date(now.getTime() - TOUCH_EVERY_MS);
  writeBehind(entry, now, log, "an API token's use", () =>
    db.transaction(async (tx) => {
      const recorded = await tx
        .update(apiTokens)
        .set({ lastUsedAt: now })
        .where(
          and(
            eq(apiTokens.id, apiTokenId!),
            or(isNull(apiTokens.lastUsedAt), lte(apiTokens.lastUsedAt, due)),
          ),
        )
        .returning({ id: apiTokens.id });
      if (recorded.length === 0) return;
      await appendAudit(tx, {
        actor: username,
        roles,
        action: 'api_token.use',
        target: apiTokenId,
        params: { method: use.method, path: use.path },
        outcome: 'ok',
        requestId: use.requestId,
      });
    }),
  );
}

/** A live-or-not API token as a cache entry (it never idles); null when unknown or revoked. */
async function readApiToken(db: Database, tokenHash: string): Promise<CachedSession | null> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash));
  const role = Role.safeParse(row?.role);
  if (!row || row.revokedAt !== null || !role.success) return null;
  return {
    session: {
      idHash: tokenHash,
      username: tokenActor(row.name),
      roles: [role.data],
      csrfToken: '',
      kioskLinkId: null,
      apiTokenId: row.id,
    },
    endsAt: row.expiresAt.getTime(),
    lastSeenAt: row.lastUsedAt?.getTime() ?? 0,
    idles: false,
  };
}

/** A revoked token is refused from the next request on (call it once the revocation has committed). */
export function forgetApiToken(db: Database, tokenHash: string): Promise<void> {
  return forgetEverywhere(db, [tokenHash]);
}

/** `listener` hears of each session this instance forgets (ended here or elsewhere; null: all). */
export function onSessionForgotten(listener: (idHash: string | null) => void): () => void {
  return cache.onForget(listener);
}

/** The channel on which instances tell each other of the sessions they ended. */
const ENDED_CHANNEL = 'lifeboat_sessions';

/**
 * Ended sessions leave this instance's cache at once and every other instance's when told, as
 * `tx` commits (a NOTIFY is delivered at commit, and not at all if it rolls back).
 */
async function forgetEverywhere(tx: Database | Transaction, idHashes: string[]): Promise<void> {
  for (const idHash of idHashes) {
    cache.invalidate(idHash);
    await tx.execute(sql`select pg_notify(${ENDED_CHANNEL}, ${idHash})`);
  }
}

/**
 * Forgets the sessions other instances end, as they say so; forgets every session when the
 * telling may have been missed (a lost connection), so each is read again from the database.
 */
export async function followEndedSessions(coordination: Coordination): Promise<void> {
  await coordination.listen(ENDED_CHANNEL, (idHash) => cache.invalidate(idHash));
  coordination.onReset(() => cache.clear());
}

/** A session row with its user's roles and its kiosk link, as a cache entry; null when it cannot be live. */
async function readSession(db: Database, idHash: string): Promise<CachedSession | null> {
  const [row] = await db
    .select({
      username: sessions.username,
      kioskLinkId: sessions.kioskLinkId,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      roles: users.roles,
      kioskName: kioskLinks.name,
      kioskExpiresAt: kioskLinks.expiresAt,
      kioskRevokedAt: kioskLinks.revokedAt,
    })
    .from(sessions)
    .leftJoin(users, eq(users.username, sessions.username))
    .leftJoin(kioskLinks, eq(kioskLinks.id, sessions.kioskLinkId))
    .where(eq(sessions.idHash, idHash));
  if (!row) return null;
  const { csrfToken, kioskLinkId } = row;
  const lastSeenAt = row.lastSeenAt.getTime();
  if (kioskLinkId !== null) {
    if (row.kioskName === null || row.kioskRevokedAt !== null) return null;
    return {
      session: {
        idHash,
        username: kioskActor(row.kioskName),
        roles: [...KIOSK_ROLES],
        csrfToken,
        kioskLinkId,
        apiTokenId: null,
      },
      endsAt: Math.min(row.expiresAt.getTime(), row.kioskExpiresAt?.getTime() ?? Infinity),
      lastSeenAt,
      idles: false,
    };
  }
  // The user is no longer configured.
  if (row.roles === null) return null;
  return {
    session: {
      idHash,
      username: row.username!,
      roles: Roles.parse(row.roles),
      csrfToken,
      kioskLinkId,
      apiTokenId: null,
    },
    endsAt: row.expiresAt.getTime(),
    lastSeenAt,
    idles: true,
  };
}

export async function deleteSession(db: Database, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
  await forgetEverywhere(db, [idHash]);
}

/** Ends every session opened with a kiosk link (when it is revoked); how many there were. */
export async function deleteKioskLinkSessions(tx: Transaction, linkId: string): Promise<number> {
  const ended = await tx
    .delete(sessions)
    .where(eq(sessions.kioskLinkId, linkId))
    .returning({ idHash: sessions.idHash });
  await forgetEverywhere(
    tx,
    ended.map((e) => e.idHash),
  );
  return ended.length;
}

/** Only sessions past their expiry, which the cache refuses already. */
export async function deleteExpiredSessions(db: Database, now = new Date()): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
