import type { Database } from './database.ts';
import type { ActiveSession } from './sessions.ts';

/** What checking a session takes, without the database. */
export interface CachedSession {
  session: ActiveSession;
  /** Its expiry, or its kiosk link's when sooner (ms). */
  endsAt: number;
  /** The last request as stored (ms); it is written at most once a minute. */
  lastSeenAt: number;
  /** A user's session ends after SESSION_IDLE_MS without a request; a kiosk's never idles. */
  idles: boolean;
}

/** Beyond this many sessions, the longest cached goes first (it is read again when used). */
const MAX_ENTRIES = 10_000;

/**
 * Sessions by id hash, so a request is checked without waiting on the database. sessions.ts owns
 * the only one and changes it beside every write to the sessions table, so an ended session is
 * refused from the next request on; other instances are told by a NOTIFY delivered at commit.
 */
export class SessionCache {
  /**
   * Each with the database it was read from: a BFF restarted in the same process (tests) opens a
   * new one, whose users may hold other roles (they are synced from the config at start).
   */
  private readonly entries = new Map<string, { from: WeakRef<Database>; entry: CachedSession }>();
  /** Counts invalidations, so that a read they overtook is not cached. */
  private invalidations = 0;
  private readonly forgetting = new Set<(idHash: string | null) => void>();

  /**
   * `listener` hears each session forgotten (null: all of them), so what holds one open (an event
   * stream) checks it at once rather than at its next heartbeat.
   */
  onForget(listener: (idHash: string | null) => void): () => void {
    this.forgetting.add(listener);
    return () => this.forgetting.delete(listener);
  }

  get(db: Database, idHash: string): CachedSession | undefined {
    const cached = this.entries.get(idHash);
    return cached?.from.deref() === db ? cached.entry : undefined;
  }

  /** Call before reading a session from the database; pass the answer to `fill`. */
  readStarted(): number {
    return this.invalidations;
  }

  /**
   * Caches what the database said, unless a session was ended meanwhile: the read may have seen
   * the row just before its deletion.
   */
  fill(db: Database, idHash: string, entry: CachedSession, readStarted: number): void {
    if (readStarted !== this.invalidations) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(idHash, { from: new WeakRef(db), entry });
  }

  /** The session was deleted or changed: the next request reads it from the database. */
  invalidate(idHash: string): void {
    this.invalidations++;
    this.entries.delete(idHash);
    for (const l of this.forgetting) l(idHash);
  }

  /** Every session is read again from the database. */
  clear(): void {
    this.invalidations++;
    this.entries.clear();
    for (const l of this.forgetting) l(null);
  }
}
