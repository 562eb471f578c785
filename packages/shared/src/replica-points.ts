import { z } from 'zod';
import { EntityRef, IsoTime, listQuery, tenantFilter } from './common.ts';

export const ReplicaPoint = z.object({
  id: z.string(),
  ref: EntityRef,
  vmName: z.string(),
  pointTime: IsoTime,
  /** Full, Increment, Snapshot, ...: the upstream's word, null when not known from the listing. */
  pointType: z.string().nullable(),
  /** State of the VM replica as the upstream reports it (Ready, Failover, ...), when known. */
  nativeState: z.string().nullable(),
  replicaName: z.string().nullable(),
  /** Native id of the replica (job) the point belongs to: VM names repeat across tenants, this does not. */
  replicaId: z.string().nullable(),
  backupServer: z.string().nullable(),
  tenant: z.string().nullable(),
});
export type ReplicaPoint = z.infer<typeof ReplicaPoint>;

export const ReplicaPointSort = z.enum(['pointTime', 'vmName', 'replicaName']);

export const ReplicaPointQuery = listQuery(ReplicaPointSort, 'pointTime', {
  vm: z.string().max(512).optional(),
  ...tenantFilter,
});
export type ReplicaPointQuery = z.infer<typeof ReplicaPointQuery>;

/** RPO grade: age of the latest point against the target: < 1x compliant, <= 2x exceeded,
 * <= 4x severe, > 4x critical; unknown when the VM has no point. */
export const RpoStatus = z.enum(['compliant', 'exceeded', 'severe', 'critical', 'unknown']);
export type RpoStatus = z.infer<typeof RpoStatus>;

/**
 * Where a VM's RPO target came from: the config's target for the VM itself, for its replication
 * job, for its tenant, or the default. The most specific one wins.
 */
export const RpoTargetSource = z.enum(['vm', 'job', 'tenant', 'default']);
export type RpoTargetSource = z.infer<typeof RpoTargetSource>;

export const VmRpo = z.object({
  /** Opaque id of the VM within its source. */
  id: z.string(),
  source: z.string(),
  vmName: z.string(),
  replicaName: z.string().nullable(),
  backupServer: z.string().nullable(),
  tenant: z.string().nullable(),
  latestPointAt: IsoTime.nullable(),
  pointCount: z.number().int(),
  ageSeconds: z.number().nullable(),
  targetMinutes: z.number(),
  targetSource: RpoTargetSource,
  status: RpoStatus,
});
export type VmRpo = z.infer<typeof VmRpo>;

export const VmRpoSort = z.enum(['status', 'vmName', 'latestPointAt', 'ageSeconds']);

export const VmRpoQuery = listQuery(VmRpoSort, 'status', {
  status: RpoStatus.optional(),
  ...tenantFilter,
  /** Exact VM name: each VM of that name (one per tenant or replica job). */
  vm: z.string().max(512).optional(),
  /** `csv`: every matching VM (not one page) as a CSV download, for a compliance report. */
  format: z.enum(['csv']).optional(),
});
export type VmRpoQuery = z.infer<typeof VmRpoQuery>;
