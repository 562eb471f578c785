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

/** A kiosk link or an API token works until it expires or an admin revokes it, whichever comes first. */
export const CredentialState = z.enum(['active', 'expired', 'revoked']);
export type CredentialState = z.infer<typeof CredentialState>;

/** The name an admin gives a kiosk link or an API token: one line, shown in lists and the audit. */
export const CredentialName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');

export const Role = z.enum(['viewer', 'operator', 'approver', 'admin']);
export type Role = z.infer<typeof Role>;

export const SortOrder = z.enum(['asc', 'desc']);
export type SortOrder = z.infer<typeof SortOrder>;

/**
 * The query of every list: text search, a source filter, the list's own filters, sort, order and
 * one page (limit and an opaque cursor). Strict: an unknown parameter is a 400, not ignored.
 */
/** The largest page a list serves: enough to scroll a whole large estate in one (virtualized) table. */
export const MAX_PAGE_SIZE = 100_000;

/** The filter of every list whose items belong to a tenant: exact name, any case. */
export const tenantFilter = { tenant: z.string().min(1).max(200).optional() };

export function listQuery<Sort extends string, Filters extends z.ZodRawShape>(
  sort: z.ZodEnum<{ [K in Sort]: K }>,
  defaultSort: NoInfer<Sort>,
  filters: Filters,
) {
  return z.strictObject({
    q: z.string().max(200).optional(),
    source: z.string().max(100).optional(),
    ...filters,
    sort: sort.default(defaultSort),
    order: SortOrder.default('desc'),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
    cursor: z.string().max(100).optional(),
  });
}
