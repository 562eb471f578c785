import { z } from 'zod';
import { IsoTime } from './common.ts';
import { RpoStatus } from './replica-points.ts';

/** How many VMs were in each RPO grade at one moment. */
export const RpoCounts = z.record(RpoStatus, z.number().int());
export type RpoCounts = z.infer<typeof RpoCounts>;

/** One sample of RPO compliance: every VM (`tenant` null), or one tenant's VMs. */
export const RpoHistorySample = z.object({
  at: IsoTime,
  tenant: z.string().nullable(),
  counts: RpoCounts,
});
export type RpoHistorySample = z.infer<typeof RpoHistorySample>;

/** Samples are kept this long (30 days), and read back at most this far. */
export const RPO_HISTORY_MAX_HOURS = 720;

export const RpoHistoryQuery = z.strictObject({
  /** How far back, in hours. */
  hours: z.coerce.number().int().min(1).max(RPO_HISTORY_MAX_HOURS).default(24),
  /** One tenant's VMs; without it, every VM (including those whose tenant is not known). */
  tenant: z.string().min(1).max(200).optional(),
});
export type RpoHistoryQuery = z.infer<typeof RpoHistoryQuery>;

/**
 * RPO compliance over time, oldest first. A sample is taken after polls that changed restore
 * points, or when grades moved as points aged, at most once a minute. Over long ranges the series
 * is thinned to the worst sample of each interval, so a bad moment is never averaged away.
 */
export const RpoHistory = z.object({
  tenant: z.string().nullable(),
  hours: z.number().int(),
  items: z.array(RpoHistorySample),
  /** The tenants that have samples in the range, for choosing one. */
  tenants: z.array(z.string()),
  asOf: IsoTime,
});
export type RpoHistory = z.infer<typeof RpoHistory>;
