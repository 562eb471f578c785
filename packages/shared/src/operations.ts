import { z } from 'zod';
import { IsoTime, listQuery } from './common.ts';
import { PlanAction } from './plans.ts';

/**
 * Where an operation stands. `unknown`: the upstream's answer was lost (timeout, reset, crash
 * after sending); reconciliation reads the plan upstream and records what really happened.
 */
export const OperationState = z.enum([
  'requested',
  'awaiting_approval',
  'approved',
  'dispatching',
  'dispatched',
  'running',
  'succeeded',
  'failed',
  'rejected',
  'cancelled',
  'unknown',
]);
export type OperationState = z.infer<typeof OperationState>;

/** Which restore point a failover uses: the latest, or the latest before a time. */
export const RestorePointRule = z.union([
  z.strictObject({ latest: z.literal(true) }),
  z.strictObject({ before: IsoTime }),
]);

/** What every action request carries: why, the ticket, and the operator's proof of intent. */
const confirmation = {
  reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(1000),
  ticket: z.string().trim().max(100).optional(),
  /** The plan's name, typed by the operator. */
  confirmPlanName: z.string().max(600),
  /** The operator's password, entered again. */
  password: z.string().min(1).max(200),
};

export const FailoverRequest = z.strictObject({
  restorePoint: RestorePointRule.default({ latest: true }),
  executeChainedPlans: z.boolean().default(false),
  ...confirmation,
});
export type FailoverRequest = z.infer<typeof FailoverRequest>;

export const FailbackRequest = z.strictObject({
  restoreLocationId: z.string().max(100).optional(),
  failbackRestoreVMTags: z.boolean().default(true),
  ...confirmation,
});
export type FailbackRequest = z.infer<typeof FailbackRequest>;

/** Undo failover, commit failback, undo failback: no parameters beyond the confirmation. */
export const PlainActionRequest = z.strictObject(confirmation);
export type PlainActionRequest = z.infer<typeof PlainActionRequest>;

export const DecisionRequest = z.strictObject({ reason: z.string().trim().max(1000).optional() });
export type DecisionRequest = z.infer<typeof DecisionRequest>;

export const Operation = z.object({
  id: z.string(),
  planId: z.string(),
  planName: z.string(),
  source: z.string(),
  action: PlanAction,
  /** The action's parameters as sent upstream (restore point, chained plans, location, tags). */
  params: z.record(z.string(), z.unknown()),
  state: OperationState,
  reason: z.string(),
  ticket: z.string().nullable(),
  requestedBy: z.string(),
  requestedAt: IsoTime,
  decidedBy: z.string().nullable(),
  decidedAt: IsoTime.nullable(),
  decisionReason: z.string().nullable(),
  dispatchedAt: IsoTime.nullable(),
  finishedAt: IsoTime.nullable(),
  /** The upstream's own answer, quoted in the receipt. */
  upstreamAnswer: z.record(z.string(), z.unknown()).nullable(),
  progress: z.record(z.string(), z.unknown()).nullable(),
  /** The latest word on the operation, in plain words. */
  message: z.string().nullable(),
  updatedAt: IsoTime,
});
export type Operation = z.infer<typeof Operation>;

export const OperationSort = z.enum(['requestedAt', 'state', 'planName']);
export const OperationQuery = listQuery(OperationSort, 'requestedAt', {
  state: OperationState.optional(),
  planId: z.string().min(1).max(300).optional(),
});
export type OperationQuery = z.infer<typeof OperationQuery>;

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
