import type { RpoCounts, RpoHistory, RpoHistoryQuery } from '@lifeboat/shared';
import type { Database } from '../store/database.ts';
import { readRpoSamples, rpoSampleTenants } from '../store/rpo-history.ts';

/** At most this many samples per answer: a day of one a minute; longer ranges are thinned. */
const MAX_SAMPLES = 1_440;

/** RPO compliance over the last `hours`, for every VM or one tenant, oldest first. */
export async function getRpoHistory(db: Database, q: RpoHistoryQuery, now = new Date()): Promise<RpoHistory> {
  const since = new Date(now.getTime() - q.hours * 3_600_000);
  const tenant = q.tenant ?? null;
  const [rows, tenants] = await Promise.all([readRpoSamples(db, since, tenant), rpoSampleTenants(db, since)]);
  return {
    tenant,
    hours: q.hours,
    items: thin(rows, since.getTime(), now.getTime()).map((r) => ({
      at: r.at.toISOString(),
      tenant,
      counts: r.counts,
    })),
    tenants,
    asOf: now.toISOString(),
  };
}

const notCompliant = (c: RpoCounts) => c.exceeded + c.severe + c.critical + c.unknown;

/**
 * At most MAX_SAMPLES, one per equal slice of the range: the worst of each slice (most VMs not
 * compliant, the later on a tie), so thinning never hides a bad moment.
 */
function thin<T extends { at: Date; counts: RpoCounts }>(rows: T[], from: number, to: number): T[] {
  if (rows.length <= MAX_SAMPLES) return rows;
  const width = (to - from) / MAX_SAMPLES;
  const kept: T[] = [];
  let slice = -1;
  for (const row of rows) {
    const s = Math.floor((row.at.getTime() - from) / width);
    const last = kept[kept.length - 1];
    if (s !== slice || !last) {
      kept.push(row);
      slice = s;
    } else if (notCompliant(row.counts) >= notCompliant(last.counts)) kept[kept.length - 1] = row;
  }
  return kept;
}
