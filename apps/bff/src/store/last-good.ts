import { and, eq, notInArray } from 'drizzle-orm';
import type { Database } from './database.ts';
import { sourceCollections, sourceState } from './schema.ts';

export interface StoredSnapshot {
  fetchedAt: Date;
  unreadable: { count: number; firstError: string | null };
  collections: Map<string, { digest: string; items: unknown[] }>;
}

/** A source's last good data as stored, or null when it never had a successful poll. */
export async function loadLastGood(db: Database, sourceId: string): Promise<StoredSnapshot | null> {
  const [state] = await db.select().from(sourceState).where(eq(sourceState.sourceId, sourceId));
  if (!state) return null;
  const rows = await db.select().from(sourceCollections).where(eq(sourceCollections.sourceId, sourceId));
  return {
    fetchedAt: state.fetchedAt,
    unreadable: state.unreadable,
    collections: new Map(rows.map((r) => [r.collection, { digest: r.digest, items: r.items }])),
  };
}

/**
 * Records a successful poll: its time always, and only the collections that changed, in one
 * transaction so a crash never leaves a poll half-written.
 */
export async function saveLastGood(
  db: Database,
  sourceId: string,
  poll: {
    fetchedAt: Date;
    unreadable: StoredSnapshot['unreadable'];
    changed: { collection: string; digest: string; items: unknown[] }[];
    kept: string[];
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(sourceState)
      .values({ sourceId, fetchedAt: poll.fetchedAt, unreadable: poll.unreadable })
      .onConflictDoUpdate({
        target: sourceState.sourceId,
        set: { fetchedAt: poll.fetchedAt, unreadable: poll.unreadable },
      });
    for (const c of poll.changed) {
      const row = { digest: c.digest, items: c.items, changedAt: poll.fetchedAt };
      await tx
        .insert(sourceCollections)
        .values({ sourceId, collection: c.collection, ...row })
        .onConflictDoUpdate({ target: [sourceCollections.sourceId, sourceCollections.collection], set: row });
    }
    // Collections the source no longer fills (its kind changed) are not served as if current.
    await tx
      .delete(sourceCollections)
      .where(
        and(
          eq(sourceCollections.sourceId, sourceId),
          notInArray(sourceCollections.collection, [...poll.kept, ...poll.changed.map((c) => c.collection)]),
        ),
      );
  });
}
