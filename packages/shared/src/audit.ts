import { z } from 'zod';
import { IsoTime, listQuery } from './common.ts';

/** One record of the audit trail: who did what to which target, why, and what came of it. */
export const AuditEvent = z.object({
  seq: z.number().int(),
  at: IsoTime,
  actor: z.string(),
  roles: z.array(z.string()),
  /** e.g. sign_in, operation.request, operation.approve, operation.dispatch, operation.reconcile */
  action: z.string(),
  target: z.string().nullable(),
  params: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
  ticket: z.string().nullable(),
  /** e.g. ok, refused, failed, unknown, with detail in params */
  outcome: z.string(),
  requestId: z.string().nullable(),
  /** The upstream's correlation (task id, plan id) where there is one. */
  correlation: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditSort = z.enum(['seq']);
export const AuditQuery = listQuery(AuditSort, 'seq', {
  actor: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  target: z.string().max(200).optional(),
  format: z.enum(['json', 'csv']).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
