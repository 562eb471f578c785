import type { PlanAction } from '@lifeboat/shared';
import { isUpstreamError, redactUrls } from '@lifeboat/upstreams';
import { appendAudit } from '../store/audit.ts';
import { moveOperation } from '../store/operations.ts';
import { ACTION_WORDS, announce, type Actor, type OperationDeps } from './operation-deps.ts';

/** Failures that prove the action never left Lifeboat, or never reached the upstream. */
const NOT_SENT_CODES = new Set(['invalid_id', 'circuit_open', 'tls_untrusted']);
const NOT_SENT_MESSAGES = [
  /^connection refused$/,
  /^host not found$/,
  /^host name lookup failed$/,
  /^too many calls waiting/,
];

/** How a failed send ends: refused (4xx, or provably not sent) or unknown (lost, or an ambiguous 5xx). */
function outcomeOf(err: unknown): 'failed' | 'unknown' {
  if (!isUpstreamError(err)) return 'unknown';
  if (err.status !== undefined) return err.status >= 500 ? 'unknown' : 'failed';
  if (NOT_SENT_CODES.has(err.code)) return 'failed';
  return err.code === 'request_failed' && NOT_SENT_MESSAGES.some((m) => m.test(err.message))
    ? 'failed'
    : 'unknown';
}

/**
 * Sends an approved operation to its upstream, exactly once. The intent (state `dispatching`) is
 * committed, with its audit record, before the call; the outcome after. The plan's state is read
 * fresh first and must still allow the action. The call is never retried: a refusal is `failed`,
 * a lost answer is `unknown` for reconciliation to settle by reading the plan, never by sending
 * again. Only one caller can move an operation to `dispatching`, so it is sent once however many
 * call this.
 */
export async function dispatchOperation(deps: OperationDeps, id: string, actor: Actor): Promise<void> {
  const intent = await deps.db.transaction(async (tx) => {
    const row = await moveOperation(tx, id, ['approved'], 'dispatching', {
      message: 'Checking the plan upstream before sending.',
      dispatchingInstance: deps.coordination.instanceId,
    });
    if (!row) return null;
    await appendAudit(tx, {
      actor: actor.username,
      roles: actor.roles,
      action: `operation.dispatch.${row.action}`,
      target: row.planId,
      params: { operation: row.id },
      reason: null,
      ticket: row.ticket,
      outcome: 'intent',
      requestId: actor.requestId,
      correlation: null,
    });
    return row;
  });
  if (!intent) return;
  announce(deps, intent);
  const action = intent.action as PlanAction;
  const connector = deps.inventory.poller(intent.sourceId)?.connector;
  const finish = async (
    to: 'dispatched' | 'failed' | 'unknown',
    message: string,
    extra: { answer?: Record<string, unknown>; correlation?: string | null; outcome: string },
  ) => {
    const row = await deps.db.transaction(async (tx) => {
      const moved = await moveOperation(tx, id, ['dispatching'], to, {
        message,
        ...(to === 'dispatched' ? { dispatchedAt: new Date() } : {}),
        ...(to === 'failed' ? { finishedAt: new Date() } : {}),
        ...(extra.answer ? { upstreamAnswer: extra.answer } : {}),
      });
      await appendAudit(tx, {
        actor: actor.username,
        roles: actor.roles,
        action: `operation.dispatch.${action}`,
        target: intent.planId,
        params: { operation: id, message, ...(extra.answer ? { upstream: extra.answer } : {}) },
        reason: null,
        ticket: intent.ticket,
        outcome: extra.outcome,
        requestId: actor.requestId,
        correlation: extra.correlation ?? null,
      });
      return moved;
    });
    announce(deps, row);
  };

  if (!connector?.readPlan || !connector.runPlanAction)
    return finish('failed', `This source cannot run ${ACTION_WORDS[action]}; nothing was sent.`, {
      outcome: 'refused',
    });
  try {
    const fresh = await connector.readPlan(intent.nativePlanId);
    const allowed = fresh.allowedActions.find((a) => a.action === action);
    if (!allowed?.allowed)
      return await finish(
        'failed',
        `Not sent: the plan no longer allows ${ACTION_WORDS[action]} (${allowed?.reason ?? fresh.nativeState}).`,
        { outcome: 'refused' },
      );
  } catch (err) {
    return finish(
      'failed',
      `Not sent: the plan's state could not be confirmed upstream (${describe(err)}).`,
      {
        outcome: 'refused',
      },
    );
  }
  try {
    const receipt = await connector.runPlanAction(intent.nativePlanId, action, intent.params);
    await finish(
      'dispatched',
      `The upstream accepted the ${ACTION_WORDS[action]} (HTTP ${receipt.status}).`,
      {
        answer: { status: receipt.status, body: receipt.excerpt },
        correlation: receipt.correlation,
        outcome: 'accepted',
      },
    );
  } catch (err) {
    const status = isUpstreamError(err) ? err.status : undefined;
    if (outcomeOf(err) === 'failed')
      await finish('failed', `The upstream refused the ${ACTION_WORDS[action]}: ${describe(err)}`, {
        ...(status !== undefined ? { answer: { status, body: describe(err) } } : {}),
        outcome: 'refused',
      });
    else
      await finish(
        'unknown',
        `The outcome is unknown (${describe(err)}); checking the plan upstream. Nothing will be sent again.`,
        { ...(status !== undefined ? { answer: { status, body: describe(err) } } : {}), outcome: 'unknown' },
      );
  }
}

function describe(err: unknown): string {
  return isUpstreamError(err) ? redactUrls(err.message) : 'an unexpected error';
}
