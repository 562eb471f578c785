import { z } from 'zod';
import { IsoTime } from './common.ts';

/** ok: the last poll succeeded and the data is fresh; degraded: the last poll succeeded but the
 * data is late or partly unreadable; down: the last poll failed, or none has succeeded yet (any
 * last good data is still served, marked stale with its age); auth_failed: the upstream refused
 * Lifeboat's credentials (logons back off); disabled: configured off. */
export const SourceHealth = z.enum(['ok', 'degraded', 'down', 'auth_failed', 'disabled']);
export type SourceHealth = z.infer<typeof SourceHealth>;

export const SourceError = z.object({
  /** request_failed | timeout | malformed_response | auth_failed | http_status | tls_untrusted | ... */
  code: z.string(),
  /** Plain words for an operator; may quote the upstream's own message, never a stack trace. */
  message: z.string(),
});
export type SourceError = z.infer<typeof SourceError>;

export const Source = z.object({
  id: z.string(),
  /** The configured connector kind (e.g. `enterprise-manager`). */
  kind: z.string(),
  name: z.string(),
  status: SourceHealth,
  /** When the data being served was fetched; null when nothing was ever fetched. */
  asOf: IsoTime.nullable(),
  /** Age of the served data in seconds at the time of the response. */
  ageSeconds: z.number().nullable(),
  stale: z.boolean(),
  lastSuccessAt: IsoTime.nullable(),
  lastAttemptAt: IsoTime.nullable(),
  lastError: SourceError.nullable(),
  /** Duration of the last completed poll, in milliseconds. */
  latencyMs: z.number().nullable(),
  pollSeconds: z.number(),
  /** Items the upstream sent that could not be read (kept out of the lists, counted here). */
  unreadableItems: z.number().int(),
});
export type Source = z.infer<typeof Source>;

/** The per-source line attached to every list response. */
export const SourceStatus = z.object({
  id: z.string(),
  status: SourceHealth,
  asOf: IsoTime.nullable(),
  stale: z.boolean(),
  error: SourceError.optional(),
});
export type SourceStatus = z.infer<typeof SourceStatus>;

export const SourceList = z.object({ items: z.array(Source), asOf: IsoTime });
export type SourceList = z.infer<typeof SourceList>;
