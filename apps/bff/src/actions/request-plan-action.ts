import { createHash, randomUUID } from 'node:crypto';
import type { Operation, PlanAction } from '@lifeboat/shared';
import type { ActionParams } from '@lifeboat/upstreams';
import { verifyPassword } from '../auth/passwords.ts';
import { Conflict, DomainError, Forbidden, NotFound } from '../errors.ts';
import { appendAudit } from '../store/audit.ts';
import {
  activeOperationOfPlan,
  findIdempotencyKey,
  findOperation,
  insertOperation,
  isUniqueViolation,
  saveIdempotencyKey,
  toOperation,
} from '../store/operations.ts';
import { findUser } from '../store/users.ts';
import { dispatchOperation } from './dispatch-operation.ts';
import { ACTION_WORDS, announce, type Actor, type OperationDeps } from './operation-deps.ts';

export interface ActionRequest {
  action: PlanAction;
  planId: string;
  idempotencyKey: string;
  params: ActionParams;
  reason: string;
  ticket?: string | undefined;
  confirmPlanName: string;
  password: string;
}

/**
 * An operator asks for a destructive action on a plan. Every guard is checked here, on the
 * server: the operator role, the re-entered password, the typed plan name, the plan's state, one
 * active operation per plan (a unique index, so two tabs, users or instances cannot both pass),
 * and the idempotency key (the same key and body answer the same operation). The request, its
 * idempotency key and its audit record commit together; then it waits for approval or is
 * dispatched. Answers the operation and whether it is a replay of an earlier request.
 */
export async function requestPlanAction(
  deps: OperationDeps,
  actor: Actor,
  req: ActionRequest,
): Promise<{ operation: Operation; replayed: boolean }> {
  const refuse = (err: DomainError, detail: string) => refuseRequest(deps, actor, req, err, detail);
  await assertOperator(deps, actor, req.action, req.planId);

  // The password and the key's body never include the password itself.
  const requestHash = createHash('sha256')
    .update(
      JSON.stringify([
        req.action,
        req.planId,
        req.params,
        req.reason,
        req.ticket ?? null,
        req.confirmPlanName,
      ]),
    )
    .digest('hex');
  const earlier = await findIdempotencyKey(deps.db, actor.username, req.idempotencyKey);
  if (earlier) {
    if (earlier.requestHash !== requestHash)
      throw new DomainError(
        'unprocessable',
        'This Idempotency-Key was used for a different request; use a new key.',
      );
    const op = await findOperation(deps.db, earlier.operationId);
    if (op) return { operation: toOperation(op), replayed: true };
  }

  const user = await findUser(deps.db, actor.username);
  if (!user || !(await verifyPassword(req.password, user.passwordHash)))
    return refuse(new Forbidden('The password is not right; nothing was requested.'), 'wrong password');

  await deps.inventory.settled();
  const plan = deps.inventory.list('plans').find((p) => p.id === req.planId);
  if (!plan) throw new NotFound(`No plan ${req.planId}.`);
  if (req.confirmPlanName !== plan.name)
    return refuse(
      new DomainError(
        'unprocessable',
        "The typed name does not match the plan's name; nothing was requested.",
      ),
      'plan name mismatch',
    );
  const underWay = await activeOperationOfPlan(deps.db, plan.id);
  if (underWay) throw underWayConflict(underWay);
  const allowed = plan.allowedActions.find((a) => a.action === req.action);
  if (!allowed?.allowed)
    return refuse(
      new Conflict(
        `${cap(ACTION_WORDS[req.action])} is not allowed now: ${allowed?.reason ?? 'unknown state'}`,
      ),
      allowed?.reason ?? 'not allowed',
    );

  const now = new Date();
  const approval = deps.policy.requireApproval;
  let row;
  try {
    row = await deps.db.transaction(async (tx) => {
      const inserted = await insertOperation(tx, {
        id: randomUUID(),
        planId: plan.id,
        planName: plan.name,
        sourceId: plan.ref.source,
        nativePlanId: plan.ref.nativeId,
        action: req.action,
        params: req.params as Record<string, unknown>,
        state: approval ? 'awaiting_approval' : 'approved',
        reason: req.reason,
        ticket: req.ticket ?? null,
        requestedBy: actor.username,
        requestedAt: now,
        planStateAtRequest: plan.nativeState,
        message: approval
          ? 'Waiting for a second person with the approver role.'
          : 'Approved by policy; dispatching.',
        updatedAt: now,
      });
      await saveIdempotencyKey(tx, {
        username: actor.username,
        key: req.idempotencyKey,
        requestHash,
        operationId: inserted.id,
      });
      await appendAudit(tx, {
        actor: actor.username,
        roles: actor.roles,
        action: `operation.request.${req.action}`,
        target: plan.id,
        params: { operation: inserted.id, planName: plan.name, planState: plan.nativeState, ...req.params },
        reason: req.reason,
        ticket: req.ticket ?? null,
        outcome: approval ? 'awaiting_approval' : 'approved',
        requestId: actor.requestId,
        correlation: null,
      });
      return inserted;
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Another request got there first (same key in parallel, another tab, user or instance).
    const again = await findIdempotencyKey(deps.db, actor.username, req.idempotencyKey);
    const replay =
      again?.requestHash === requestHash ? await findOperation(deps.db, again.operationId) : null;
    if (replay) return { operation: toOperation(replay), replayed: true };
    const active = await activeOperationOfPlan(deps.db, plan.id);
    throw active ? underWayConflict(active) : new Conflict('An operation is already under way on this plan.');
  }
  announce(deps, row);
  if (!approval) void dispatchOperation(deps, row.id, actor);
  return { operation: toOperation(row), replayed: false };
}

/** 409 with the link to the operation that holds the plan. */
const underWayConflict = (op: { id: string; action: string; state: string }) =>
  new Conflict(
    `An operation is already under way on this plan: /api/v1/operations/${op.id} (${op.action}, ${op.state}).`,
    op.id,
  );

/** Records a refused request in the audit trail, then refuses it. */
async function refuseRequest(
  deps: OperationDeps,
  actor: Actor,
  req: Pick<ActionRequest, 'action' | 'planId'> & Partial<Pick<ActionRequest, 'reason' | 'ticket'>>,
  err: DomainError,
  detail: string,
): Promise<never> {
  await appendAudit(deps.db, {
    actor: actor.username,
    roles: actor.roles,
    action: `operation.request.${req.action}`,
    target: req.planId,
    params: { detail },
    reason: req.reason ?? null,
    ticket: req.ticket ?? null,
    outcome: 'refused',
    requestId: actor.requestId,
    correlation: null,
  });
  err.audited = true;
  throw err;
}

/**
 * Only an operator may request an action (an admin is not one unless given the role). Checked
 * before anything else about the request is read, and the refusal is audited.
 */
export async function assertOperator(deps: OperationDeps, actor: Actor, action: PlanAction, planId: string) {
  if (!actor.roles.includes('operator'))
    await refuseRequest(
      deps,
      actor,
      { action, planId },
      new Forbidden('Only an operator may request this.'),
      'not an operator',
    );
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
