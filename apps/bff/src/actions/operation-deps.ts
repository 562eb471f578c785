import type { PlanAction, PlanState, Role } from '@lifeboat/shared';
import type { Logger } from 'pino';
import type { EventHub } from '../inventory/event-hub.ts';
import type { Inventory } from '../inventory/inventory.ts';
import type { Coordination } from '../store/coordination.ts';
import type { Database } from '../store/database.ts';
import { toOperation } from '../store/operations.ts';
import type { operations } from '../store/schema.ts';

/** What the operation use cases need; built once at boot. */
export interface OperationDeps {
  db: Database;
  /** This instance among those sharing the database: who sends, who follows. */
  coordination: Coordination;
  inventory: Inventory;
  events: EventHub;
  log: Logger;
  policy: { requireApproval: boolean };
}

/** Who is acting, and for which request (for the audit record). */
export interface Actor {
  username: string;
  roles: Role[];
  requestId: string;
}

/** The stable state each action leaves its plan in when it succeeds. */
export const TARGET_STATE: Record<PlanAction, PlanState> = {
  failover: 'failed_over',
  undoFailover: 'ready',
  failback: 'failed_back',
  commitFailback: 'ready',
  undoFailback: 'failed_over',
};

/** Plain words for each action, in messages and the audit. */
export const ACTION_WORDS: Record<PlanAction, string> = {
  failover: 'failover',
  undoFailover: 'undo failover',
  failback: 'failback',
  commitFailback: 'commit failback',
  undoFailback: 'undo failback',
};

/** Tells every browser (event stream) that an operation moved. */
export function announce(deps: OperationDeps, row: typeof operations.$inferSelect | null): void {
  if (row) deps.events.operation(toOperation(row));
}
