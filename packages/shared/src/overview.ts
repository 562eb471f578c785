import { z } from 'zod';
import { IsoTime } from './common.ts';
import { PlanState } from './plans.ts';
import { RpoStatus } from './replica-points.ts';
import { SourceHealth, SourceStatus } from './sources.ts';

/** Worst-of status of the whole estate: the answer to "can we recover?". */
export const OverallStatus = z.enum(['ok', 'warning', 'critical', 'unknown']);
export type OverallStatus = z.infer<typeof OverallStatus>;

export const RunInProgress = z.object({
  /** The plan's id (for /plans/{id}) or the failover session's id (for /failover-sessions/{id}). */
  id: z.string(),
  kind: z.enum(['plan', 'failover-session']),
  name: z.string(),
  source: z.string(),
  nativeState: z.string(),
  progress: z.number().nullable(),
  startedAt: IsoTime.nullable(),
  rtoTargetMinutes: z.number().nullable(),
});
export type RunInProgress = z.infer<typeof RunInProgress>;

export const UnfinishedPlan = z.object({
  id: z.string(),
  name: z.string(),
  source: z.string(),
  state: PlanState,
  nativeState: z.string(),
});
export type UnfinishedPlan = z.infer<typeof UnfinishedPlan>;

export const Overview = z.object({
  asOf: IsoTime,
  status: OverallStatus,
  /** Why the status is what it is, in plain words, worst first. */
  reasons: z.array(z.string()),
  rpo: z.record(RpoStatus, z.number().int()),
  /** The same grades per tenant (null: VMs whose tenant is not known), worst tenant first. */
  rpoByTenant: z.array(
    z.object({ tenant: z.string().nullable(), counts: z.record(RpoStatus, z.number().int()) }),
  ),
  plans: z.record(PlanState, z.number().int()),
  runsInProgress: z.array(RunInProgress),
  unfinished: z.object({
    /** Plans failed over (or failed back) and not yet failed back or committed. */
    plans: z.array(UnfinishedPlan),
    /** Failover sessions that ended failed. */
    failedRuns: z.number().int(),
    /** Lifeboat's own operations that need a person: failed, answer lost (unknown), or awaiting approval. */
    operations: z.object({
      failed: z.number().int(),
      unknown: z.number().int(),
      awaitingApproval: z.number().int(),
    }),
    sources: z.array(
      z.object({ id: z.string(), name: z.string(), status: SourceHealth, stale: z.boolean() }),
    ),
  }),
  sources: z.array(SourceStatus),
});
export type Overview = z.infer<typeof Overview>;
