import type { RpoCounts } from '@lifeboat/shared';
import { and, asc, desc, eq, gte, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Database } from './database.ts';
import { rpoHistory } from './schema.ts';

export interface RpoSample {
  /** Null: every VM. */
  tenant: string | null;
  counts: RpoCounts;
}

/** Postgres caps a statement at 65,535 parameters; a row here takes 7. */
const ROWS_PER_INSERT = 5_000;

/** Stores one moment's samples and deletes those older than `keepSince`, together. */
export async function saveRpoSamples(
  db: Database,
  at: Date,
  samples: readonly RpoSample[],
  keepSince: Date,
): Promise<void> {
  const rows = samples.map((s) => ({ at, tenant: s.tenant, ...s.counts }));
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
      await tx.insert(rpoHistory).values(rows.slice(i, i + ROWS_PER_INSERT));
    await tx.delete(rpoHistory).where(lt(rpoHistory.at, keepSince));
  });
}

/** When the newest sample was taken, if any. */
export async function lastRpoSampleAt(db: Database): Promise<Date | null> {
  const [row] = await db.select({ at: rpoHistory.at }).from(rpoHistory).orderBy(desc(rpoHistory.at)).limit(1);
  return row?.at ?? null;
}

/**
 * One series (every VM, or one tenant) from `since` on, oldest first. A sample is written only when
 * the counts move, so the one in force at `since` (the newest before it) opens the series, dated
 * `since`: an estate that has not changed for longer than the range still shows its state.
 */
export async function readRpoSamples(
  db: Database,
  since: Date,
  tenant: string | null,
): Promise<{ at: Date; counts: RpoCounts }[]> {
  const series = tenant === null ? isNull(rpoHistory.tenant) : eq(rpoHistory.tenant, tenant);
  const [inForce] = await db
    .select()
    .from(rpoHistory)
    .where(and(series, lt(rpoHistory.at, since)))
    .orderBy(desc(rpoHistory.at))
    .limit(1);
  const rows = await db
    .select()
    .from(rpoHistory)
    .where(and(series, gte(rpoHistory.at, since)))
    .orderBy(asc(rpoHistory.at));
  return [...(inForce ? [{ ...inForce, at: since }] : []), ...rows].map(
    ({ at, compliant, exceeded, severe, critical, unknown }) => ({
      at,
      counts: { compliant, exceeded, severe, critical, unknown },
    }),
  );
}

/** The tenants with samples from `since` on, by name. */
export async function rpoSampleTenants(db: Database, since: Date): Promise<string[]> {
  const rows = await db
    .selectDistinct({ tenant: rpoHistory.tenant })
    .from(rpoHistory)
    .where(and(isNotNull(rpoHistory.tenant), gte(rpoHistory.at, since)))
    .orderBy(asc(rpoHistory.tenant));
  return rows.flatMap((r) => (r.tenant === null ? [] : [r.tenant]));
}
