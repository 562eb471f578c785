import { giveWay, type CollectionChanges } from '@lifeboat/upstreams';
import { and, asc, eq, gt, inArray, lt, notInArray, or, sql } from 'drizzle-orm';
import type { Database, Transaction } from './database.ts';
import { sourceCollections, sourceItemRemovals, sourceItems, sourceState } from './schema.ts';

/** The latest poll as the polling instance saw it, successful or not. */
export interface PollAttempt {
  at: Date;
  error: { code: string; message: string } | null;
  latencyMs: number;
}

/** A tracked collection as read back: its items and removed ids (every item when read `whole`). */
export interface StoredChanges {
  upserted: unknown[];
  removed: string[];
}

export interface StoredSnapshot {
  fetchedAt: Date;
  unreadable: { count: number; firstError: string | null };
  /** Collections stored whole, with their digests (those changed since the time asked for). */
  collections: Map<string, { digest: string; items: unknown[] }>;
  /**
   * Collections stored item by item (a connector's tracked ones): every item (`whole`), or the
   * items changed and removed since the time asked for; null when none changed since then.
   */
  tracked: { whole: boolean; changes: Map<string, StoredChanges> } | null;
  /** The latest poll, null when stored by a version that did not record it. */
  attempt: PollAttempt | null;
}

/**
 * Items per statement: a statement runs on the event loop's thread, so each is kept short. 100
 * points take about 2 ms here, and cost 9% more in all than 500 (21.6 against 23.6 ms per 1,000),
 * whose 10 ms a turn slowed every reader while a million points were written (decision 015).
 */
const BATCH = 100;
/**
 * Item rows beyond which a write is not one transaction: the embedded database runs one at a
 * time, and a million rows would hold every other query (a sign-in, a failover) for a minute.
 */
const ONE_TRANSACTION = 10_000;
/**
 * On the embedded database, a large write waits this many times each statement's time after it:
 * run back to back, its statements took more than half of the thread for a minute after a first
 * sync of a million points, and list reads fell to a third. Paced, they keep about two thirds.
 */
const PACE = 2;
/** Rows read back per query at start, when nothing is served yet. */
const ROWS_READ_AT_ONCE = 10_000;
/**
 * How long removals are kept: an instance whose data is older than the latest poll by more reads
 * the items whole (a day, far longer than any poll interval).
 */
const REMOVALS_KEPT_MS = 24 * 3_600_000;

// Loops of statements give way between them: the embedded database answers on this thread with
// promises already settled, so such a loop would otherwise never let a waiting request run.

/**
 * A source's last good data as stored, or null when it never had a successful poll (or a large
 * write is under way). With `changedAfter` (the poll time of the data already held), only what a
 * later poll changed: the whole collections it rewrote, and the tracked items it wrote or removed
 * (every tracked item when the data held predates their last whole write). That is how an
 * instance that does not poll follows the one that does. Its reads are not one snapshot: one that
 * overlaps a write is made whole by the next, which that write's time makes read again.
 */
export async function loadLastGood(
  db: Database,
  sourceId: string,
  changedAfter: Date | null = null,
): Promise<StoredSnapshot | null> {
  const [state] = await db.select().from(sourceState).where(eq(sourceState.sourceId, sourceId));
  // A large write that never finished (a crash): the items are partial, so nothing is served.
  if (!state?.itemsWritten) return null;
  const attempt: PollAttempt | null = state.lastAttemptAt
    ? { at: state.lastAttemptAt, error: state.lastError, latencyMs: state.latencyMs ?? 0 }
    : null;
  const rows = await db
    .select()
    .from(sourceCollections)
    .where(
      and(
        eq(sourceCollections.sourceId, sourceId),
        changedAfter ? gt(sourceCollections.changedAt, changedAfter) : undefined,
      ),
    );
  const collections = new Map(rows.map((r) => [r.collection, { digest: r.digest, items: r.items }]));
  const itemsUnchanged = changedAfter && (!state.itemsChangedAt || state.itemsChangedAt <= changedAfter);
  if (itemsUnchanged)
    return { fetchedAt: state.fetchedAt, unreadable: state.unreadable, collections, tracked: null, attempt };
  // Read whole when the data held is older than the last whole write or than the removals kept.
  const since =
    changedAfter &&
    state.itemsRewrittenAt &&
    state.itemsRewrittenAt <= changedAfter &&
    state.fetchedAt.getTime() - changedAfter.getTime() < REMOVALS_KEPT_MS
      ? changedAfter
      : null;
  const changes = new Map<string, StoredChanges>();
  const changesOf = (collection: string) => {
    let c = changes.get(collection);
    if (!c) changes.set(collection, (c = { upserted: [], removed: [] }));
    return c;
  };
  if (since) {
    const removals = await db
      .select({ collection: sourceItemRemovals.collection, itemId: sourceItemRemovals.itemId })
      .from(sourceItemRemovals)
      .where(and(eq(sourceItemRemovals.sourceId, sourceId), gt(sourceItemRemovals.removedAt, since)))
      .orderBy(asc(sourceItemRemovals.removedAt), asc(sourceItemRemovals.itemId));
    for (const r of removals) changesOf(r.collection).removed.push(r.itemId);
  }
  // Read in batches by key: one statement for a million rows would hold the thread for seconds.
  let after: { collection: string; itemId: string } | null = null;
  for (;;) {
    const batch = await db
      .select({ collection: sourceItems.collection, itemId: sourceItems.itemId, item: sourceItems.item })
      .from(sourceItems)
      .where(
        and(
          eq(sourceItems.sourceId, sourceId),
          since ? gt(sourceItems.changedAt, since) : undefined,
          after
            ? or(
                gt(sourceItems.collection, after.collection),
                and(eq(sourceItems.collection, after.collection), gt(sourceItems.itemId, after.itemId)),
              )
            : undefined,
        ),
      )
      .orderBy(asc(sourceItems.collection), asc(sourceItems.itemId))
      .limit(ROWS_READ_AT_ONCE);
    if (batch.length === 0) break;
    await giveWay();
    for (const r of batch) changesOf(r.collection).upserted.push(r.item);
    after = batch.at(-1)!;
  }
  return {
    fetchedAt: state.fetchedAt,
    unreadable: state.unreadable,
    collections,
    tracked: { whole: !since, changes },
    attempt,
  };
}

/** Records a failed poll: every instance shows the source's error, the data's age is unchanged. */
export async function saveFailedAttempt(db: Database, sourceId: string, attempt: PollAttempt): Promise<void> {
  await db
    .update(sourceState)
    .set({ lastAttemptAt: attempt.at, lastError: attempt.error, latencyMs: attempt.latencyMs })
    .where(eq(sourceState.sourceId, sourceId));
}

export interface PollToStore {
  fetchedAt: Date;
  latencyMs: number;
  unreadable: StoredSnapshot['unreadable'];
  /** Whole collections that changed. */
  changed: { collection: string; digest: string; items: unknown[] }[];
  /** Whole collections as stored before. */
  kept: string[];
  /** Tracked collections: what changed in each (unchanged ones are not named). */
  tracked: (CollectionChanges & { collection: string })[];
}

export interface SaveOptions {
  /** The database runs on this thread: a large write leaves most of it to requests (PACE). */
  paced?: boolean;
}

/**
 * Records a successful poll: its time always, the whole collections that changed, and the items
 * of tracked collections that changed. A crash never leaves a poll half-written as if whole: a
 * usual poll is one transaction; a large one (a first sync of a million points) writes its items
 * in short statements, marked unfinished until the transaction that ends it, so other queries
 * wait for one statement at most, and a crash meanwhile leaves no copy to serve.
 */
export async function saveLastGood(
  db: Database,
  sourceId: string,
  poll: PollToStore,
  { paced = false }: SaveOptions = {},
): Promise<void> {
  const rows = poll.tracked.reduce((n, c) => n + c.upserted.length + c.removed.length, 0);
  const large = rows > ONE_TRANSACTION;
  if (large) {
    await db
      .insert(sourceState)
      .values({ sourceId, fetchedAt: poll.fetchedAt, unreadable: poll.unreadable, itemsWritten: false })
      .onConflictDoUpdate({ target: sourceState.sourceId, set: { itemsWritten: false } });
    // One pace for the whole write: no collection's first statements follow another's last at once.
    const step = paced ? pacedStatements() : statement;
    for (const c of poll.tracked) await storeChanges(db, sourceId, poll.fetchedAt, c, step);
  }
  const rewritten = poll.tracked.some((c) => c.complete);
  await db.transaction(async (tx) => {
    const state = {
      fetchedAt: poll.fetchedAt,
      unreadable: poll.unreadable,
      itemsWritten: true,
      ...(poll.tracked.length ? { itemsChangedAt: poll.fetchedAt } : {}),
      ...(rewritten ? { itemsRewrittenAt: poll.fetchedAt } : {}),
      lastAttemptAt: poll.fetchedAt,
      lastError: null,
      latencyMs: poll.latencyMs,
    };
    await tx
      .insert(sourceState)
      .values({ sourceId, ...state })
      .onConflictDoUpdate({ target: sourceState.sourceId, set: state });
    for (const c of poll.changed) {
      const row = { digest: c.digest, items: c.items, changedAt: poll.fetchedAt };
      await tx
        .insert(sourceCollections)
        .values({ sourceId, collection: c.collection, ...row })
        .onConflictDoUpdate({ target: [sourceCollections.sourceId, sourceCollections.collection], set: row });
    }
    // Collections the source no longer stores whole (its kind changed) are not served as if current.
    await tx
      .delete(sourceCollections)
      .where(
        and(
          eq(sourceCollections.sourceId, sourceId),
          notInArray(sourceCollections.collection, [...poll.kept, ...poll.changed.map((c) => c.collection)]),
        ),
      );
    if (!large) for (const c of poll.tracked) await storeChanges(tx, sourceId, poll.fetchedAt, c, statement);
    await tx
      .delete(sourceItemRemovals)
      .where(
        and(
          eq(sourceItemRemovals.sourceId, sourceId),
          lt(sourceItemRemovals.removedAt, new Date(poll.fetchedAt.getTime() - REMOVALS_KEPT_MS)),
        ),
      );
  });
}

/** Runs a statement of a write, then gives way to waiting requests. */
async function statement(run: () => Promise<unknown>): Promise<void> {
  await run();
  await giveWay();
}

/**
 * Runs each statement of a write PACE times as long after the last one as that one took. The wait
 * comes before a statement is built (its closure builds it), so no batch is held through a wait,
 * where collections of the requests served meanwhile would move it to the old generation.
 */
function pacedStatements(): (run: () => Promise<unknown>) => Promise<void> {
  let lastMs = 0;
  return async (run) => {
    if (lastMs > 0) await new Promise((resolve) => setTimeout(resolve, PACE * lastMs));
    const started = performance.now();
    await run();
    lastMs = performance.now() - started;
  };
}

/**
 * Writes one collection's changes as of the poll at `at`, each batch through `step` (`statement`
 * or `pacedStatements()`). Removals are kept (with `at`) for the instances that follow; a whole
 * write starts them afresh.
 */
async function storeChanges(
  tx: Database | Transaction,
  sourceId: string,
  at: Date,
  c: CollectionChanges & { collection: string },
  step: (run: () => Promise<unknown>) => Promise<void>,
): Promise<void> {
  const here = and(eq(sourceItems.sourceId, sourceId), eq(sourceItems.collection, c.collection));
  if (c.complete) {
    // One statement: deleting a whole collection is quick (a subquery in batches is far slower).
    await tx.delete(sourceItems).where(here);
    await tx
      .delete(sourceItemRemovals)
      .where(and(eq(sourceItemRemovals.sourceId, sourceId), eq(sourceItemRemovals.collection, c.collection)));
  }
  for (let i = 0; i < c.removed.length; i += BATCH) {
    await step(async () => {
      const ids = c.removed.slice(i, i + BATCH);
      await tx.delete(sourceItems).where(and(here, inArray(sourceItems.itemId, ids)));
      await tx
        .insert(sourceItemRemovals)
        .values(ids.map((itemId) => ({ sourceId, collection: c.collection, itemId, removedAt: at })))
        .onConflictDoUpdate({
          target: [sourceItemRemovals.sourceId, sourceItemRemovals.collection, sourceItemRemovals.itemId],
          set: { removedAt: at },
        });
    });
  }
  for (let i = 0; i < c.upserted.length; i += BATCH) {
    // The batch as one JSON parameter, split by the database: building a statement of rows of
    // parameters cost more than running it (2.4x the time in all, measured at 20,000 points).
    await step(() => {
      const items = JSON.stringify(c.upserted.slice(i, i + BATCH));
      const insert = sql`insert into ${sourceItems} (source_id, collection, item_id, item, changed_at)
        select ${sourceId}, ${c.collection}, x->>'id', x, ${at} from jsonb_array_elements(${items}::jsonb) as x`;
      return tx.execute(
        c.complete
          ? insert
          : sql`${insert} on conflict (source_id, collection, item_id)
            do update set item = excluded.item, changed_at = excluded.changed_at`,
      );
    });
  }
}
