import { isGuid } from '../values.ts';
import { z } from 'zod';

// zod for the Service Provider Console's payloads (veeam-api.md §3). Unknown keys are stripped.
// Only what Lifeboat shows is read; a field the console leaves out or sends as null is null.

/** The pagingInfo every collection carries (limit/offset paging). */
const PagingInfo = z.object({
  total: z.number().int().nonnegative(),
  count: z.number().int().nonnegative().optional(),
  offset: z.number().int().nonnegative().optional(),
});

/**
 * A collection answer: `{meta: {pagingInfo}, data: [...], errors}`. Items stay unknown here and
 * are checked one by one, so one bad item never hides the rest (XML-07).
 */
export const RawCollection = z.object({
  meta: z.object({ pagingInfo: PagingInfo }),
  data: z.array(z.unknown()),
});
export type RawCollection = z.infer<typeof RawCollection>;

/** A single-entity answer: `{data: {...}, errors}`. */
export const RawItem = z.object({ data: z.unknown() });

/** The console's error body: `{errors: [{message, type, code, retryAfter?}]}` (§3.6). */
export const RawErrors = z.object({
  errors: z
    .array(
      z.object({
        message: z.string().nullish(),
        type: z.string().nullish(),
        // A 429 names its delay in seconds; read a numeric string too.
        retryAfter: z.coerce.number().nonnegative().nullish().catch(null),
      }),
    )
    .min(1),
});

/** The OAuth token answer (not in the data envelope). */
export const RawToken = z.object({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: z.number().positive().nullish(),
  refresh_token: z.string().min(1).nullish(),
});
export type RawToken = z.infer<typeof RawToken>;

const guid = z.string().refine(isGuid, 'not a GUID');
const text = z.string().nullish();

/** BackupServerJob: the job itself, embedded under `_embedded.backupServerJob` by `expand=BackupServerJob`. */
export const RawBackupServerJob = z.object({
  name: text,
  status: text,
  type: text,
  lastRun: text,
  lastEndTime: text,
  /** Seconds. */
  lastDuration: z.number().nonnegative().nullish(),
  failureMessage: text,
  isEnabled: z.boolean().nullish(),
  backupServerUid: text,
  organizationUid: text,
  mappedOrganizationUid: text,
});
export type RawBackupServerJob = z.infer<typeof RawBackupServerJob>;

/** BackupServerReplicationVmJob (the seed document's Get VM Replication Job). */
export const RawReplicationVmJob = z.object({
  instanceUid: guid,
  protectedVmCount: z.number().int().nonnegative().nullish(),
  isCloudJob: z.boolean().nullish(),
  cloudHostUid: text,
  targetHostUid: text,
  throughWanAccelerators: z.boolean().nullish(),
  _embedded: z.object({ backupServerJob: RawBackupServerJob.nullish() }).nullish(),
});
export type RawReplicationVmJob = z.infer<typeof RawReplicationVmJob>;
