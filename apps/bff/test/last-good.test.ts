// The restart copy of a source's last good data (decision 013), as the database keeps it: a large
// write never holds other queries behind it, one cut short is never served as if whole, and an
// instance that follows the polling one reads only what changed since the data it holds.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../src/store/database.ts';
import { loadLastGood, saveLastGood, type PollToStore } from '../src/store/last-good.ts';
import { users } from '../src/store/schema.ts';
import { templateDataDir } from './template-db.ts';

let dir: string;
let database: OpenDatabase;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lifeboat-last-good-'));
  cpSync(templateDataDir, dir, { recursive: true });
  database = await openDatabase({ dataDir: dir });
});

afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const points = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ id: `em.p-${from + i}`, vmName: `vm-${(from + i) % 97}` }));

/** A first sync's write: every point, as a complete collection. */
const firstSync = (items: { id: string }[]): PollToStore => ({
  latencyMs: 0,
  fetchedAt: new Date('2026-11-30T12:00:00Z'),
  unreadable: { count: 0, firstError: null },
  changed: [],
  kept: [],
  tracked: [{ collection: 'replicaPoints', complete: true, upserted: items, removed: [] }],
});

describe('the restart copy', () => {
  it('lets other queries run while a large write is under way, and then serves all of it', async () => {
    const db = database.db;
    const order: string[] = [];
    const saving = saveLastGood(db, 'em', firstSync(points(30_000)), { paced: true }).then(() =>
      order.push('saved'),
    );
    // A sign-in's query, asked for while the write runs, is answered before the write ends.
    await db
      .select()
      .from(users)
      .then(() => order.push('other query'));
    await saving;
    expect(order).toEqual(['other query', 'saved']);
    const stored = await loadLastGood(db, 'em');
    expect(stored?.tracked?.changes.get('replicaPoints')?.upserted).toHaveLength(30_000);
  });

  it('serves nothing after a large write that was cut short, and all of the next whole one', async () => {
    const db = database.db;
    // An item without an id fails its statement, two thirds into the write: as a crash would.
    const broken = [...points(20_000), { id: null as unknown as string }, ...points(10_000, 20_000)];
    await expect(saveLastGood(db, 'em', firstSync(broken))).rejects.toThrow();
    expect(await loadLastGood(db, 'em')).toBeNull();
    await saveLastGood(db, 'em', firstSync(points(12_000)));
    expect((await loadLastGood(db, 'em'))?.tracked?.changes.get('replicaPoints')?.upserted).toHaveLength(
      12_000,
    );
  });

  it('gives an instance that holds older data what changed and was removed since, and one that holds data from before a whole write all of it', async () => {
    const db = database.db;
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 12, minute));
    const poll = (minute: number, complete: boolean, upserted: { id: string }[], removed: string[] = []) =>
      saveLastGood(db, 'followed', {
        ...firstSync([]),
        fetchedAt: at(minute),
        tracked: [{ collection: 'replicaPoints', complete, upserted, removed }],
      });
    const since = async (minute: number) => (await loadLastGood(db, 'followed', at(minute)))?.tracked;

    await poll(0, true, points(4));
    await poll(1, false, [{ id: 'em.p-1', vmName: 'renamed' }, ...points(1, 4)], ['em.p-0']);
    // Removed, then written again: read as both, removals first, so it is kept.
    await poll(2, false, [], ['em.p-2']);
    await poll(3, false, points(1, 2));

    expect(await since(0)).toEqual({
      whole: false,
      changes: new Map([
        [
          'replicaPoints',
          {
            upserted: [{ id: 'em.p-1', vmName: 'renamed' }, ...points(1, 2), ...points(1, 4)],
            removed: ['em.p-0', 'em.p-2'],
          },
        ],
      ]),
    });
    expect(await since(2)).toEqual({
      whole: false,
      changes: new Map([['replicaPoints', { upserted: points(1, 2), removed: [] }]]),
    });
    expect(await since(3)).toBeNull();

    // Written whole: an instance holding anything older reads every item again.
    await poll(4, true, points(2, 10));
    expect(await since(3)).toEqual({
      whole: true,
      changes: new Map([['replicaPoints', { upserted: points(2, 10), removed: [] }]]),
    });
    expect(await since(4)).toBeNull();
  });
});
