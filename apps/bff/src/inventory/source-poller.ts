import { createHash } from 'node:crypto';
import type { Source, SourceError, SourceHealth, SourceStatus } from '@lifeboat/shared';
import {
  inSlices,
  isUpstreamError,
  redactUrls,
  UpstreamError,
  type CollectionChanges,
  type CollectionName,
  type Connector,
  type InventorySnapshot,
} from '@lifeboat/upstreams';
import type { Logger } from 'pino';
import type { Lease } from '../store/coordination.ts';
import type { Database } from '../store/database.ts';
import {
  loadLastGood,
  saveFailedAttempt,
  saveLastGood,
  type PollAttempt,
  type PollToStore,
  type StoredSnapshot,
} from '../store/last-good.ts';

interface PollState {
  snapshot: InventorySnapshot | null;
  /** When the served snapshot was fetched. */
  fetchedAt: Date | null;
  /** True while the served snapshot came from the database and no poll has succeeded since boot. */
  restored: boolean;
  lastAttemptAt: Date | null;
  lastError: SourceError | null;
  latencyMs: number | null;
}

/** What a poller tells the inventory: data changed, or health changed. */
export interface PollerEvents {
  changed(sourceId: string, collections: CollectionName[]): void;
  health(status: SourceStatus): void;
}

/**
 * A collection that had items and comes back empty, with no sign of deletion, is refused as
 * implausible rather than shown as a fresh, empty estate, until the upstream has said so this many
 * polls in a row (a real deletion of everything persists; a glitch does not).
 */
const EMPTY_BELIEVED_AFTER = 3;

/**
 * Polls one source on its interval and keeps its last good snapshot with its age, in memory and
 * in the database: a failing source serves stale data marked stale, never nothing, and a restart
 * serves the last known data at once. One poll at a time, so upstream load does not depend on
 * how many browsers are looking. Of the instances sharing a database, the one holding the
 * source's lease polls it; the others read what it stored, when told and on every interval, and
 * take the lease over when it is free (decision 017).
 */
export class SourcePoller {
  /** Polls since start, by outcome: `ok` or the error code. */
  private readonly outcomes = new Map<string, number>();
  /** Replaced, never changed in place: what is made from it (`status`) is kept per state object. */
  private state: PollState = {
    snapshot: null,
    fetchedAt: null,
    restored: false,
    lastAttemptAt: null,
    lastError: null,
    latencyMs: null,
  };
  private digests = new Map<string, string>();
  private lastStatus: { state: PollState; ageSeconds: number | null; status: SourceStatus } | null = null;
  /** Consecutive polls in which a collection that had items came back empty. */
  private readonly emptyStreak = new Map<CollectionName, number>();
  private timer: NodeJS.Timeout | null = null;
  /** The restart copy's writes, one after another. */
  private saving: Promise<void> = Promise.resolve();
  /** The connector's number of the snapshot whose tracked collections the restart copy holds. */
  private storedVersion: number | null = null;
  private readonly tracked: ReadonlySet<CollectionName>;
  /** While following: each tracked collection's items by id, and the array they were listed as. */
  private readonly followedItems = new Map<
    CollectionName,
    { items: unknown[]; byId: Map<string, unknown> }
  >();
  private inFlight: Promise<void> | null = null;
  /** Whether this instance held the lease at its latest turn (it polls), else it follows. */
  private leading = false;
  private following: Promise<void> | null = null;
  private readonly startedAt: Date;
  private readonly stopping = new AbortController();
  private firstPoll: Promise<void>;
  private resolveFirst!: () => void;

  constructor(
    readonly connector: Connector,
    private readonly opts: { pollSeconds: number; enabled: boolean },
    private readonly deps: {
      db: Database;
      /** The database runs on this thread: large writes of the restart copy are paced. */
      dbOnThisThread?: boolean;
      log: Logger;
      events: PollerEvents;
      /** The right to poll this source, among the instances sharing the database. */
      lease: Lease;
      now?: () => Date;
    },
  ) {
    this.firstPoll = new Promise((r) => (this.resolveFirst = r));
    this.startedAt = this.now();
    this.tracked = new Set(connector.tracked ?? []);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  get id() {
    return this.connector.settings.id;
  }

  /** Whether this instance polls the source (it held the lease at its latest turn). */
  get polling(): boolean {
    return this.leading;
  }

  get pollSeconds() {
    return this.opts.pollSeconds;
  }

  get snapshot(): InventorySnapshot | null {
    return this.state.snapshot;
  }

  /** Serves the stored last good data (with its true age) until the first poll succeeds. */
  restore(): Promise<void> {
    return this.follow();
  }

  /**
   * Reads what the polling instance stored since the data held here: the changed collections, the
   * latest poll's outcome. Nothing while this instance polls the source itself.
   */
  follow(): Promise<void> {
    if (this.leading) return Promise.resolve();
    this.following ??= this.readStored().finally(() => (this.following = null));
    return this.following;
  }

  private async readStored(): Promise<void> {
    const held = this.state.snapshot;
    const stored = await loadLastGood(this.deps.db, this.id, held ? this.state.fetchedAt : null);
    if (!stored || this.leading) return;
    const unchanged =
      held &&
      !stored.tracked &&
      stored.collections.size === 0 &&
      JSON.stringify(held.unreadable) === JSON.stringify(stored.unreadable);
    // The same object when nothing changed: what is derived from it is not derived again.
    const snapshot = unchanged ? held : ({ ...held, unreadable: stored.unreadable } as InventorySnapshot);
    // Only the items: what the connector says of its own reads is no one else's.
    delete snapshot.version;
    delete snapshot.changes;
    delete snapshot.changesSince;
    for (const name of this.connector.collections) {
      if (this.tracked.has(name)) {
        if (stored.tracked)
          (snapshot as Record<string, unknown>)[name] = this.applyStored(name, stored.tracked);
        continue;
      }
      const whole = stored.collections.get(name);
      if (!whole) continue;
      (snapshot as Record<string, unknown>)[name] = whole.items;
      this.digests.set(name, whole.digest);
    }
    const attempt: PollAttempt | null = stored.attempt;
    this.state = {
      snapshot,
      fetchedAt: stored.fetchedAt,
      // Data no poll has confirmed since this instance started is shown as restored.
      restored: !attempt || attempt.at < this.startedAt,
      lastAttemptAt: attempt?.at ?? this.state.lastAttemptAt,
      lastError: attempt?.error ?? null,
      latencyMs: attempt?.latencyMs ?? this.state.latencyMs,
    };
  }

  /**
   * A tracked collection after what was read back: every item, or the items held here with the
   * removed ones dropped and the changed ones put in (removals first: an item removed and then
   * written again is kept).
   */
  private applyStored(name: CollectionName, tracked: NonNullable<StoredSnapshot['tracked']>): unknown[] {
    const read = tracked.changes.get(name);
    if (tracked.whole) {
      this.followedItems.delete(name);
      return read?.upserted ?? [];
    }
    const held = (this.state.snapshot?.[name] ?? []) as unknown[];
    if (!read) return held;
    let followed = this.followedItems.get(name);
    // Built from what is held whenever that is not what this map listed last (this instance polled meanwhile).
    if (followed?.items !== held)
      followed = { items: held, byId: new Map(held.map((item) => [(item as { id: string }).id, item])) };
    for (const id of read.removed) followed.byId.delete(id);
    for (const item of read.upserted) followed.byId.set((item as { id: string }).id, item);
    followed.items = [...followed.byId.values()];
    this.followedItems.set(name, followed);
    return followed.items;
  }

  start(): void {
    if (!this.opts.enabled) {
      this.resolveFirst();
      return;
    }
    const loop = () => {
      void this.turn().finally(() => {
        if (!this.stopping.signal.aborted) this.timer = setTimeout(loop, this.opts.pollSeconds * 1000);
      });
    };
    loop();
  }

  /** Polls when this instance holds the lease (taking it when free), else reads what was stored. */
  private async turn(): Promise<void> {
    const leading = await this.deps.lease.hold();
    if (this.leading && !leading) {
      // Another instance wrote meanwhile: this one's next write is whole, not changes to its own.
      this.saving = this.saving.then(() => void (this.storedVersion = null));
    }
    this.leading = leading;
    if (leading) return this.pollNow();
    await this.follow().catch((err: unknown) =>
      this.deps.log.warn({ source: this.id, err }, 'could not read the stored data'),
    );
    this.resolveFirst();
  }

  /** Resolves when the first poll finished, either way (at once for a disabled source). */
  get firstPollDone(): Promise<void> {
    return this.firstPoll;
  }

  /** Polls now if this instance polls the source, else reads what was stored. */
  pollNow(): Promise<void> {
    if (!this.leading) return this.follow();
    this.inFlight ??= this.poll().finally(() => {
      this.inFlight = null;
      this.resolveFirst();
    });
    return this.inFlight;
  }

  private async poll(): Promise<void> {
    const started = this.now();
    const before = this.health(started).status;
    this.state = { ...this.state, lastAttemptAt: started };
    try {
      const snapshot = await this.connector.fetchInventory(this.stopping.signal);
      this.refuseSuspicious(snapshot);
      const changed = await this.changedCollections(snapshot);
      const latencyMs = this.now().getTime() - started.getTime();
      this.store(snapshot, {
        fetchedAt: started,
        latencyMs,
        unreadable: snapshot.unreadable,
        changed: changed
          .filter((c) => !this.tracked.has(c))
          .map((c) => ({ collection: c, digest: this.digests.get(c)!, items: snapshot[c] ?? [] })),
        kept: this.connector.collections.filter((c) => !this.tracked.has(c) && !changed.includes(c)),
        tracked: changed
          .filter((c) => this.tracked.has(c))
          .map((c) => ({ collection: c, ...(snapshot.changes?.[c] ?? whole(snapshot, c)) })),
      });
      this.state = {
        ...this.state,
        snapshot,
        fetchedAt: started,
        restored: false,
        lastError: null,
        latencyMs,
      };
      this.count('ok');
      if (snapshot.unreadable.count) {
        this.deps.log.warn(
          { source: this.id, unreadable: snapshot.unreadable },
          'upstream sent unreadable items',
        );
      }
      if (changed.length) this.announce(() => this.deps.events.changed(this.id, changed));
    } catch (err) {
      // A poll cut short because this instance stops did not fail: nothing to show or store (the
      // stored error would be every instance's, and this one's after its restart).
      if (this.stopping.signal.aborted) return;
      const lastError: SourceError = isUpstreamError(err)
        ? { code: err.code, message: redactUrls(err.message) }
        : { code: 'internal', message: 'the poll failed unexpectedly' };
      if (!isUpstreamError(err)) this.deps.log.error({ source: this.id, err }, 'poll failed unexpectedly');
      else this.deps.log.warn({ source: this.id, code: err.code, reason: lastError.message }, 'poll failed');
      const latencyMs = this.now().getTime() - started.getTime();
      this.state = { ...this.state, lastError, latencyMs };
      this.count(lastError.code);
      this.saving = this.saving.then(() =>
        saveFailedAttempt(this.deps.db, this.id, { at: started, error: lastError, latencyMs }).catch(
          (e: unknown) => this.deps.log.error({ source: this.id, err: e }, 'could not store the poll'),
        ),
      );
    }
    if (this.health().status !== before) {
      const status = this.status();
      this.announce(() => this.deps.events.health(status));
    }
  }

  /** Announces once what was polled is stored: the other instances read it when told. */
  private announce(tell: () => void): void {
    this.saving = this.saving.then(tell);
  }

  private count(outcome: string): void {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }

  /** Polls since start, by outcome: `ok` or the error code (a bounded set). */
  pollOutcomes(): ReadonlyMap<string, number> {
    return this.outcomes;
  }

  /**
   * A well-formed answer that is not plausible (a collection that had items now empty) is an error
   * that keeps the last good data, never a silent wipe shown as fresh, until it persists.
   */
  private refuseSuspicious(snapshot: InventorySnapshot): void {
    for (const name of this.connector.collections) {
      const had = this.state.snapshot?.[name]?.length ?? 0;
      const empty = (snapshot[name]?.length ?? 0) === 0;
      const streak = had > 0 && empty ? (this.emptyStreak.get(name) ?? 0) + 1 : 0;
      this.emptyStreak.set(name, streak);
      if (streak > 0 && streak < EMPTY_BELIEVED_AFTER) {
        throw new UpstreamError(
          'malformed_response',
          `response not plausible: ${name} came back empty where the last poll had ${had}, with no sign of ` +
            `deletion; keeping the last good data (believed if it persists ${EMPTY_BELIEVED_AFTER} polls)`,
        );
      }
      if (streak >= EMPTY_BELIEVED_AFTER)
        this.deps.log.warn({ source: this.id, collection: name, had }, 'upstream emptied a collection');
    }
  }

  /**
   * Writes the restart copy after the poll is served, one write at a time and in poll order. A
   * tracked collection's changes are written as changes when the copy holds the snapshot they are
   * relative to, else whole (after a failed write, a refused poll, or a read the poller did not ask for).
   * After a failed write, every other collection is written again when it is next compared.
   */
  private store(snapshot: InventorySnapshot, poll: PollToStore): void {
    this.saving = this.saving.then(async () => {
      const tracked =
        snapshot.changesSince !== undefined && snapshot.changesSince === this.storedVersion
          ? poll.tracked
          : [...this.tracked].map((c) => ({ collection: c, ...whole(snapshot, c) }));
      try {
        await saveLastGood(this.deps.db, this.id, { ...poll, tracked }, { paced: this.deps.dbOnThisThread });
        this.storedVersion = snapshot.version ?? null;
      } catch (err) {
        // Serving goes on from memory; only the restart copy is behind (and may be partly
        // written): the next write is whole.
        this.digests.clear();
        this.storedVersion = null;
        this.deps.log.error({ source: this.id, err }, 'could not store the last good data');
      }
    });
  }

  /**
   * The collections whose items differ from the last poll's, with their digests updated. One
   * that is handed back as the same array is unchanged; a tracked one (whose changes the
   * connector says) is not hashed; the others are compared by digest.
   */
  private async changedCollections(snapshot: InventorySnapshot): Promise<CollectionName[]> {
    const changed: CollectionName[] = [];
    for (const name of this.connector.collections) {
      if (snapshot[name] !== undefined && snapshot[name] === this.state.snapshot?.[name]) continue;
      if (this.tracked.has(name)) {
        const c = snapshot.changes?.[name];
        if (!c || c.complete || c.upserted.length || c.removed.length) changed.push(name);
        continue;
      }
      const digest = await digestOf(snapshot[name] ?? []);
      if (this.digests.get(name) !== digest) changed.push(name);
      this.digests.set(name, digest);
    }
    return changed;
  }

  health(now = this.now()): { status: SourceHealth; stale: boolean; ageSeconds: number | null } {
    const { snapshot, lastError, restored } = this.state;
    if (!this.opts.enabled) return { status: 'disabled', stale: snapshot !== null, ageSeconds: null };
    const ageSeconds = this.ageSeconds(now);
    const failed: SourceHealth | null = lastError
      ? lastError.code === 'auth_failed'
        ? 'auth_failed'
        : 'down'
      : null;
    if (!snapshot || ageSeconds === null) return { status: failed ?? 'down', stale: false, ageSeconds: null };
    // Stale: older than two poll intervals (RES-05), the latest poll failed, or not yet re-read since a restart.
    const stale = ageSeconds > 2 * this.opts.pollSeconds || lastError !== null || restored;
    if (failed) return { status: failed, stale, ageSeconds };
    return { status: stale || snapshot.unreadable.count > 0 ? 'degraded' : 'ok', stale, ageSeconds };
  }

  describe(now = this.now()): Source {
    const { status, stale, ageSeconds } = this.health(now);
    const s = this.connector.settings;
    return {
      id: s.id,
      kind: s.kind,
      name: s.name,
      status,
      asOf: this.state.fetchedAt?.toISOString() ?? null,
      ageSeconds,
      stale,
      lastSuccessAt: this.state.fetchedAt?.toISOString() ?? null,
      lastAttemptAt: this.state.lastAttemptAt?.toISOString() ?? null,
      lastError: this.describeError(),
      latencyMs: this.state.latencyMs,
      pollSeconds: this.opts.pollSeconds,
      unreadableItems: this.state.snapshot?.unreadable.count ?? 0,
    };
  }

  private describeError(): SourceError | null {
    if (!this.opts.enabled)
      return { code: 'disabled', message: 'This source is switched off in the configuration.' };
    const { lastError, restored } = this.state;
    if (lastError && restored)
      return { ...lastError, message: `${lastError.message}; showing the data stored before the restart` };
    if (lastError) return lastError;
    if (restored)
      return {
        code: 'restored',
        message: 'Showing the data stored before the restart; the first poll is under way.',
      };
    const u = this.state.snapshot?.unreadable;
    if (!u?.count) return null;
    return {
      code: 'unreadable_items',
      message: `${u.count} item(s) unreadable; first: ${redactUrls(u.firstError ?? 'unknown')}`,
    };
  }

  /** Whole seconds since the last poll that succeeded; null before any. */
  private ageSeconds(now: Date): number | null {
    const { fetchedAt } = this.state;
    return fetchedAt ? Math.max(0, Math.round((now.getTime() - fetchedAt.getTime()) / 1000)) : null;
  }

  /**
   * The source as every list answer names it. Made once per state and age in seconds (what it is
   * made from): each list read asks for every source's.
   */
  status(now = this.now()): SourceStatus {
    const ageSeconds = this.ageSeconds(now);
    const last = this.lastStatus;
    if (last?.state === this.state && last.ageSeconds === ageSeconds) return last.status;
    const d = this.describe(now);
    const status: SourceStatus = {
      id: d.id,
      status: d.status,
      asOf: d.asOf,
      stale: d.stale,
      ...(d.lastError ? { error: d.lastError } : {}),
    };
    this.lastStatus = { state: this.state, ageSeconds, status };
    return status;
  }

  /** Stops polling and lets go of the lease, so another instance takes the source over at once. */
  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight?.catch(() => undefined);
    await this.following?.catch(() => undefined);
    await this.saving;
    await this.deps.lease.release();
    await this.connector.close();
  }
}

/** A tracked collection written whole: every item, in place of what was stored. */
function whole(snapshot: InventorySnapshot, name: CollectionName): CollectionChanges {
  return { complete: true, upserted: (snapshot[name] ?? []) as { id: string }[], removed: [] };
}

/**
 * The digest of a collection's JSON, fed item by item in slices (a hundred thousand protected VMs
 * at `large`, tens of milliseconds at once): the same bytes as `JSON.stringify` of the whole.
 */
async function digestOf(items: readonly unknown[]): Promise<string> {
  const hash = createHash('sha256').update('[');
  await inSlices(
    items.keys(),
    (i) => hash.update(i === 0 ? JSON.stringify(items[i]) : `,${JSON.stringify(items[i])}`),
    16,
  );
  return hash.update(']').digest('base64url');
}
