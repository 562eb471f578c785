import { z } from 'zod';

/** ISO 8601 UTC date-time string, e.g. `2026-11-24T10:00:00.000Z`. */
export const IsoTime = z.iso.datetime({ offset: false });
export type IsoTime = z.infer<typeof IsoTime>;

/**
 * Provenance of every upstream entity: which configured source it came from, the upstream's own
 * entity kind and id, and (for display only, never followed) the upstream's link to it.
 */
export const EntityRef = z.object({
  source: z.string(),
  kind: z.string(),
  nativeId: z.string(),
  href: z.string().optional(),
});
export type EntityRef = z.infer<typeof EntityRef>;

export const Role = z.enum(['viewer', 'operator', 'approver', 'admin']);
export type Role = z.infer<typeof Role>;

export const SortOrder = z.enum(['asc', 'desc']);
export type SortOrder = z.infer<typeof SortOrder>;
