import { isDeepStrictEqual } from 'node:util';
import type { OperationState, PlanAction } from '@lifeboat/shared';
import { isUpstreamError } from '@lifeboat/upstreams';
import { appendAudit } from '../store/audit.ts';
import { Lease } from '../store/coordination.ts';
import { moveOperation, operationsIn } from '../store/operations.ts';
import type { operations } from '../store/schema.ts';
import { ACTION_WORDS, announce, TARGET_STATE, type Actor, type OperationDeps } from './operation-deps.ts';

/** The BFF itself, in the audit, when it follows or reconciles an operation. */
const SYSTEM: Actor = { username: 'lifeboat', roles: [], requestId: 'reconcile' };

/** Operations the follower reads the plan for. */
const FOLLOWED: readonly OperationState[] = ['dispatched', 'running', 'unknown'];

export interface FollowTiming {
  /** How often each followed plan is read upstream. */
  intervalMs: number;
  /** How long an `unknown` operation may show no effect on its plan before it is recorded as not started. */
  notStartedAfterMs: number;
}

type Row = typeof operations.$inferSelect;

/**
 * Follows every sent operation by reading its plan upstream: running, then succeeded or failed,
 * with progress. It reconciles what a crash left behind: an operation whose intent was committed
 * by an instance that is no longer alive, but whose outcome was not, becomes `unknown`, and every
 * `unknown` one is settled by what the plan shows. Nothing is ever sent again. Of the instances
 * sharing a database, the one holding the follow lease follows; each moves an operation only from
 * the state it read, so a step is taken (and audited) once wherever it runs.
 */
export class OperationFollower {
  private timer: NodeJS.Timeout | null = null;
  /** The pass under way, so passes never overlap and stopping waits for it. */
  private pass: Promise<void> | null = null;
  private stopped = false;
  private readonly lease: Lease;

  constructor(
    private readonly deps: OperationDeps,
    private readonly timing: FollowTiming,
  ) {
    this.lease = new Lease(deps.coordination, 'follow', 'operations');
  }

  /** Reconciles what a crash left behind, then follows on the interval. */
  async start(): Promise<void> {
    await this.reconcileOrphans();
    this.timer = setInterval(() => void this.tick(), this.timing.intervalMs);
    this.timer.unref();
  }

  /** Stops following; resolves once the pass under way (if any) has ended, so the database can close. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.pass;
    await this.lease.release();
  }

  /** One pass over the followed operations, when this instance follows them; passes never overlap. */
  tick(): Promise<void> {
    this.pass ??= this.followAll().finally(() => (this.pass = null));
    return this.pass;
  }

  /** Operations left `dispatching` by an instance that is gone become `unknown`, to be settled. */
  private async reconcileOrphans(): Promise<void> {
    const { db, coordination } = this.deps;
    for (const row of await operationsIn(db, ['dispatching'])) {
      const by = row.dispatchingInstance;
      if (by === coordination.instanceId || (by && (await coordination.heldElsewhere('instance', by))))
        continue;
      await this.move(row, ['dispatching'], 'unknown', {
        message:
          'Lifeboat stopped while sending this; checking the plan upstream. Nothing will be sent again.',
      });
    }
  }

  private async followAll(): Promise<void> {
    try {
      if (!(await this.lease.hold())) return;
      await this.reconcileOrphans();
      for (const row of await operationsIn(this.deps.db, FOLLOWED)) {
        if (this.stopped) return;
        await this.follow(row);
      }
    } catch (err) {
      this.deps.log.error({ err }, 'following operations failed');
    }
  }

  private async follow(row: Row): Promise<void> {
    const connector = this.deps.inventory.poller(row.sourceId)?.connector;
    if (!connector?.readPlan) return;
    let plan;
    try {
      plan = await connector.readPlan(row.nativePlanId);
    } catch (err) {
      if (!isUpstreamError(err)) throw err;
      return; // Read again on the next pass; the source's health says why.
    }
    const action = row.action as PlanAction;
    const words = ACTION_WORDS[action];
    const progress = {
      progress: plan.progress,
      nativeState: plan.nativeState,
      result: plan.result,
      rtoTargetMinutes: plan.rtoTargetMinutes,
      // Per VM and per step, with the upstream's own messages, while the upstream reports them.
      vms: plan.vms.filter((vm) => vm.run),
    };
    if (plan.state === 'running') {
      await this.move(row, FOLLOWED, 'running', {
        progress,
        message: `${cap(words)} running upstream (${plan.nativeState}${plan.progress !== null ? `, ${plan.progress}%` : ''}).`,
        ...(row.state === 'unknown' ? { dispatchedAt: row.dispatchedAt ?? new Date() } : {}),
      });
    } else if (plan.state === TARGET_STATE[action] && plan.result !== 'failed') {
      await this.move(row, FOLLOWED, 'succeeded', {
        progress,
        finishedAt: new Date(),
        message: `${cap(words)} finished: the plan is ${plan.nativeState}${plan.result === 'warning' ? ' (with warnings)' : ''}.`,
      });
    } else if (row.state !== 'unknown' && (plan.result === 'failed' || plan.state === 'halted')) {
      await this.move(row, FOLLOWED, 'failed', {
        progress,
        finishedAt: new Date(),
        message: `${cap(words)} ended badly: the plan is ${plan.nativeState} (${plan.result}).`,
      });
    } else if (
      row.state === 'unknown' &&
      plan.nativeState === row.planStateAtRequest &&
      Date.now() - row.updatedAt.getTime() >= this.timing.notStartedAfterMs
    ) {
      await this.move(row, ['unknown'], 'failed', {
        progress,
        finishedAt: new Date(),
        message: `Not started: the plan still shows ${plan.nativeState}, so the ${words} never began. Nothing was sent again.`,
      });
    }
  }

  /** Moves and audits one step, if the operation is still where it was. */
  private async move(
    row: Row,
    from: readonly OperationState[],
    to: OperationState,
    fields: Partial<typeof operations.$inferInsert>,
  ): Promise<void> {
    // Compared as values: the database hands JSON back with its keys in an order of its own.
    if (row.state === to && to === 'running' && isDeepStrictEqual(row.progress, fields.progress)) return;
    const moved = await this.deps.db.transaction(async (tx) => {
      const m = await moveOperation(tx, row.id, from, to, fields);
      // Progress ticks are not audit events; changes of state are.
      if (m && row.state !== to)
        await appendAudit(tx, {
          actor: SYSTEM.username,
          roles: SYSTEM.roles,
          action:
            row.state === 'unknown' || row.state === 'dispatching'
              ? 'operation.reconcile'
              : 'operation.progress',
          target: row.planId,
          params: { operation: row.id, from: row.state, to, message: fields.message ?? null },
          reason: null,
          ticket: row.ticket,
          outcome: to,
          requestId: SYSTEM.requestId,
          correlation: null,
        });
      return m;
    });
    announce(this.deps, moved);
    // The plan changed upstream: refresh its source now, so lists do not show the old state for a poll.
    if (moved && row.state !== to) void this.deps.inventory.poller(row.sourceId)?.pollNow();
  }
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
