import { z } from 'zod';
import { EntityRef, IsoTime, listQuery, tenantFilter } from './common.ts';
import { RpoStatus } from './replica-points.ts';
import { RunResult } from './failover-sessions.ts';

/**
 * Where a recovery plan stands, normalized over every upstream; the upstream's own word is kept in
 * `nativeState`. ready: workloads on production, the plan can fail over; running: an action is
 * executing; failed_over: workloads run on the replicas; failed_back: failed back to production,
 * awaiting commit or undo; permanent_failover: replicas are the new production; halted: a run
 * stopped part-way.
 */
export const PlanState = z.enum([
  'ready',
  'running',
  'failed_over',
  'failed_back',
  'permanent_failover',
  'halted',
  'unknown',
]);
export type PlanState = z.infer<typeof PlanState>;

/** The actions Lifeboat can take on a plan. */
export const PlanAction = z.enum(['failover', 'undoFailover', 'failback', 'commitFailback', 'undoFailback']);
export type PlanAction = z.infer<typeof PlanAction>;

/** Whether an action is allowed in the plan's current state, and when not, why in plain words. */
export const PlanActionAvailability = z.object({
  action: PlanAction,
  allowed: z.boolean(),
  reason: z.string().nullable(),
});
export type PlanActionAvailability = z.infer<typeof PlanActionAvailability>;

/** One step of a VM's part in a running action, as the upstream reports it. */
export const PlanVmStep = z.object({
  name: z.string(),
  state: z.string(),
  result: z.string().nullable(),
  /** The upstream's own words about the step (a warning or an error), when it says any. */
  message: z.string().nullable(),
});

export const PlanVm = z.object({
  name: z.string(),
  nativeId: z.string().nullable(),
  /** While an action runs, where this VM is in it, when the upstream says (Orchestrator runtime details). */
  run: z
    .object({
      state: z.string(),
      progress: z.number().nullable(),
      result: z.string().nullable(),
      steps: z.array(PlanVmStep),
    })
    .optional(),
});
export type PlanVm = z.infer<typeof PlanVm>;

export const Plan = z.object({
  /** Opaque, URL-safe id unique across sources; use it with /plans/{id}. */
  id: z.string(),
  ref: EntityRef,
  name: z.string(),
  /** The upstream's word for the plan's type (Replica, Cloud failover, ...). */
  planType: z.string(),
  state: PlanState,
  nativeState: z.string(),
  /** Outcome of the last run, when the upstream says. */
  result: RunResult,
  /** Null when the upstream has no such notion. */
  enabled: z.boolean().nullable(),
  vmCount: z.number().int().nullable(),
  vms: z.array(PlanVm),
  rpoTargetMinutes: z.number().nullable(),
  rtoTargetMinutes: z.number().nullable(),
  /** Progress of the running action (0-100), when one runs and the upstream says. */
  progress: z.number().nullable(),
  tenant: z.string().nullable(),
  site: z.string().nullable(),
  description: z.string().nullable(),
  allowedActions: z.array(PlanActionAvailability),
});
export type Plan = z.infer<typeof Plan>;

export const PlanSort = z.enum(['name', 'state', 'vmCount']);

export const PlanQuery = listQuery(PlanSort, 'name', {
  state: PlanState.optional(),
  ...tenantFilter,
});
export type PlanQuery = z.infer<typeof PlanQuery>;

/** For the pre-flight: the restore point one of a plan's VMs would come back from, and what it would lose. */
export const PlanVmRestorePoint = z.object({
  vmName: z.string(),
  /** The point the action would use: the newest, or the newest before the chosen date; null when none is known. */
  pointTime: IsoTime.nullable(),
  /** Age of that point now: the data the VM would lose. */
  ageSeconds: z.number().nullable(),
  targetMinutes: z.number(),
  status: RpoStatus,
  /** The source the point was read from (restore points come from Enterprise Manager). */
  source: z.string().nullable(),
});
export type PlanVmRestorePoint = z.infer<typeof PlanVmRestorePoint>;

export const PlanRestorePoints = z.object({
  planId: z.string(),
  /** The chosen "latest before" date, or null for the latest. */
  before: IsoTime.nullable(),
  /** One row per VM the plan names; empty when the source names none (see `vmsKnown`). */
  vms: z.array(PlanVmRestorePoint),
  /** False when the source does not list the plan's VMs now (Orchestrator names them only while running). */
  vmsKnown: z.boolean(),
});
export type PlanRestorePoints = z.infer<typeof PlanRestorePoints>;

export const PlanRestorePointsQuery = z.strictObject({ before: IsoTime.optional() });
