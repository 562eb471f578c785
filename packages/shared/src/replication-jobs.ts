import { z } from 'zod';
import { EntityRef, IsoTime, listQuery, tenantFilter } from './common.ts';

/** A job's last known outcome, normalized; the upstream's own word is kept in `nativeStatus`. */
export const JobStatus = z.enum(['success', 'warning', 'failed', 'running', 'disabled', 'none', 'unknown']);
export type JobStatus = z.infer<typeof JobStatus>;

export const ReplicationJob = z.object({
  /** Opaque, URL-safe id unique across sources; use it with /replication-jobs/{id}. */
  id: z.string(),
  ref: EntityRef,
  /** Null when the upstream did not name the job. */
  name: z.string().nullable(),
  status: JobStatus,
  nativeStatus: z.string().nullable(),
  enabled: z.boolean().nullable(),
  protectedVmCount: z.number().int().nullable(),
  isCloudJob: z.boolean(),
  /** The backup server running the job (its native id). */
  backupServerId: z.string().nullable(),
  /** The tenant (organization) the job belongs to, by native id, when known. */
  tenant: z.string().nullable(),
  targetHostId: z.string().nullable(),
  cloudHostId: z.string().nullable(),
  throughWanAccelerators: z.boolean(),
  lastRunAt: IsoTime.nullable(),
  lastEndAt: IsoTime.nullable(),
  lastDurationSeconds: z.number().nullable(),
  failureMessage: z.string().nullable(),
});
export type ReplicationJob = z.infer<typeof ReplicationJob>;

export const ReplicationJobSort = z.enum(['name', 'status', 'lastRunAt', 'protectedVmCount']);

export const ReplicationJobQuery = listQuery(ReplicationJobSort, 'name', {
  status: JobStatus.optional(),
  ...tenantFilter,
});
export type ReplicationJobQuery = z.infer<typeof ReplicationJobQuery>;
