import { z } from 'zod';
import { EntityRef, IsoTime, listQuery, tenantFilter } from './common.ts';

/** Normalized run state; the upstream's own word is kept in `nativeState`. */
export const RunState = z.enum(['starting', 'running', 'stopping', 'stopped', 'unknown']);
export type RunState = z.infer<typeof RunState>;

export const RunResult = z.enum(['none', 'success', 'warning', 'failed', 'unknown']);
export type RunResult = z.infer<typeof RunResult>;

export const FailoverVmTask = z.object({
  vmName: z.string(),
  state: RunState,
  nativeState: z.string(),
  result: RunResult,
  nativeResult: z.string().nullable(),
  progress: z.number().nullable(),
  startedAt: IsoTime.nullable(),
  endedAt: IsoTime.nullable(),
  failureMessage: z.string().nullable(),
  /** The restore point the VM was failed over to, when the upstream says. */
  restorePoint: z.object({ nativeId: z.string(), name: z.string() }).nullable(),
});
export type FailoverVmTask = z.infer<typeof FailoverVmTask>;

export const FailoverSession = z.object({
  /** Opaque, URL-safe id unique across sources; use it with /failover-sessions/{id}. */
  id: z.string(),
  ref: EntityRef,
  planName: z.string(),
  backupServer: z.string().nullable(),
  tenant: z.string().nullable(),
  state: RunState,
  nativeState: z.string(),
  result: RunResult,
  nativeResult: z.string().nullable(),
  progress: z.number().nullable(),
  startedAt: IsoTime.nullable(),
  endedAt: IsoTime.nullable(),
  durationSeconds: z.number().nullable(),
  failureMessage: z.string().nullable(),
  vms: z.array(FailoverVmTask),
});
export type FailoverSession = z.infer<typeof FailoverSession>;

export const FailoverSessionSort = z.enum([
  'startedAt',
  'endedAt',
  'planName',
  'state',
  'result',
  'durationSeconds',
]);

export const FailoverSessionQuery = listQuery(FailoverSessionSort, 'startedAt', {
  state: RunState.optional(),
  result: RunResult.optional(),
  ...tenantFilter,
});
export type FailoverSessionQuery = z.infer<typeof FailoverSessionQuery>;
