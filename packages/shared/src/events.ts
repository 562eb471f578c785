import { z } from 'zod';
import { IsoTime } from './common.ts';
import { Operation } from './operations.ts';
import { SourceStatus } from './sources.ts';

/**
 * Server-Sent Events of GET /api/v1/events. The SSE `event:` field carries `type`; `data:` is the
 * JSON object. Each event has an `id:` for resumption with Last-Event-ID; heartbeats are comments.
 */
export const InventoryChangedEvent = z.object({
  type: z.literal('inventory'),
  source: z.string(),
  /** The collections that changed (failoverSessions, replicaPoints, plans, replicationJobs, ...). */
  collections: z.array(z.string()),
  at: IsoTime,
});
export const SourceHealthEvent = z.object({
  type: z.literal('source'),
  source: SourceStatus,
  at: IsoTime,
});
/** An operation moved (state, progress or message): the whole operation as it now stands. */
export const OperationEvent = z.object({
  type: z.literal('operation'),
  operation: Operation,
  at: IsoTime,
});
export const LifeboatEvent = z.discriminatedUnion('type', [
  InventoryChangedEvent,
  SourceHealthEvent,
  OperationEvent,
]);
export type LifeboatEvent = z.infer<typeof LifeboatEvent>;
export const EVENT_TYPES = ['inventory', 'source', 'operation'] as const;
