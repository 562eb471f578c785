import type { ItemEnvelope, ListEnvelope, Operation, OperationQuery, OperationState } from '@lifeboat/shared';
import { NotFound } from '../errors.ts';
import { allOperations, findOperation, toOperation } from '../store/operations.ts';
import type { OperationDeps } from './operation-deps.ts';
import { listPage } from './list-query.ts';

/** Operations needing attention first when sorted by state. */
const STATE_ORDER: Record<OperationState, number> = {
  unknown: 10,
  awaiting_approval: 9,
  dispatching: 8,
  running: 7,
  dispatched: 6,
  approved: 5,
  requested: 4,
  failed: 3,
  succeeded: 2,
  rejected: 1,
  cancelled: 0,
};

export async function listOperations(
  deps: OperationDeps,
  q: OperationQuery,
): Promise<ListEnvelope<Operation>> {
  const all = (await allOperations(deps.db)).map(toOperation);
  return listPage(
    all,
    {
      q: q.q,
      searchIn: (o) => [o.planName, o.requestedBy, o.decidedBy, o.reason, o.ticket, o.message],
      filters: [
        [q.state, (o, state) => o.state === state],
        [q.source, (o, source) => o.source === source],
        [q.planId, (o, planId) => o.planId === planId],
      ],
      sortKeys: {
        state: (o) => STATE_ORDER[o.state],
        planName: (o) => o.planName,
        requestedAt: (o) => o.requestedAt,
      },
      sort: q.sort,
      order: q.order,
      limit: q.limit,
      cursor: q.cursor,
    },
    deps.inventory.statuses(),
    new Date(),
  );
}

export async function getOperation(deps: OperationDeps, id: string): Promise<ItemEnvelope<Operation>> {
  const row = await findOperation(deps.db, id);
  if (!row) throw new NotFound(`No operation ${id}.`);
  const poller = deps.inventory.poller(row.sourceId);
  return { item: toOperation(row), asOf: new Date().toISOString(), sources: poller ? [poller.status()] : [] };
}
