import type { Operation } from '@lifeboat/shared';
import { Conflict, Forbidden, NotFound } from '../errors.ts';
import { appendAudit } from '../store/audit.ts';
import { findOperation, moveOperation, toOperation } from '../store/operations.ts';
import { dispatchOperation } from './dispatch-operation.ts';
import { announce, type Actor, type OperationDeps } from './operation-deps.ts';

/**
 * A second person approves or rejects a request. The approver must hold the approver role and
 * must not be the requester. A plan whose state changed since the request voids it (cancelled):
 * what was asked for no longer means the same thing.
 */
export async function decideOperation(
  deps: OperationDeps,
  actor: Actor,
  id: string,
  decision: 'approve' | 'reject',
  reason: string | undefined,
): Promise<Operation> {
  const op = await findOperation(deps.db, id);
  if (!op) throw new NotFound(`No operation ${id}.`);
  if (!actor.roles.includes('approver')) throw new Forbidden('Only an approver may decide on a request.');
  if (op.requestedBy === actor.username)
    throw new Forbidden('A request needs a second person: you cannot decide on your own.');
  if (op.state !== 'awaiting_approval')
    throw new Conflict(`This operation is ${op.state.replace('_', ' ')}, not awaiting approval.`);

  let to: 'approved' | 'rejected' | 'cancelled' = decision === 'approve' ? 'approved' : 'rejected';
  let message = decision === 'approve' ? `Approved by ${actor.username}.` : `Rejected by ${actor.username}.`;
  if (decision === 'approve') {
    const plan = deps.inventory.list('plans').find((p) => p.id === op.planId);
    if (!plan || plan.nativeState !== op.planStateAtRequest) {
      to = 'cancelled';
      message =
        `Void: the plan's state changed from ${op.planStateAtRequest} to ${plan?.nativeState ?? 'gone'} ` +
        'since the request; ask again if it is still wanted.';
    }
  }
  const now = new Date();
  const row = await deps.db.transaction(async (tx) => {
    const moved = await moveOperation(tx, id, ['awaiting_approval'], to, {
      decidedBy: actor.username,
      decidedAt: now,
      decisionReason: reason ?? null,
      message,
      ...(to === 'approved' ? {} : { finishedAt: now }),
    });
    if (!moved) return null;
    await appendAudit(tx, {
      actor: actor.username,
      roles: actor.roles,
      action: `operation.${decision}`,
      target: op.planId,
      params: { operation: id, result: to },
      reason: reason ?? null,
      ticket: op.ticket,
      outcome: to,
      requestId: actor.requestId,
      correlation: null,
    });
    return moved;
  });
  if (!row) throw new Conflict('Someone else decided on this operation at the same moment.');
  announce(deps, row);
  if (to === 'approved') void dispatchOperation(deps, id, actor);
  return toOperation(row);
}
