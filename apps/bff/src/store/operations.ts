import type { Operation, OperationState, PlanAction } from '@lifeboat/shared';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Database, Transaction } from './database.ts';
import { ACTIVE_OPERATION_STATES, idempotencyKeys, operations } from './schema.ts';

type Row = typeof operations.$inferSelect;
export type NewOperation = typeof operations.$inferInsert;

/** The row as the API shows it (the native plan id stays inside the BFF). */
export function toOperation(r: Row): Operation {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: r.id,
    planId: r.planId,
    planName: r.planName,
    source: r.sourceId,
    action: r.action as PlanAction,
    params: r.params,
    state: r.state as OperationState,
    reason: r.reason,
    ticket: r.ticket,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt.toISOString(),
    decidedBy: r.decidedBy,
    decidedAt: iso(r.decidedAt),
    decisionReason: r.decisionReason,
    dispatchedAt: iso(r.dispatchedAt),
    finishedAt: iso(r.finishedAt),
    upstreamAnswer: r.upstreamAnswer,
    progress: r.progress,
    message: r.message,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Postgres' unique-violation code: the one-active-operation-per-plan index said no. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

export async function insertOperation(tx: Transaction, row: NewOperation): Promise<Row> {
  const [inserted] = await tx.insert(operations).values(row).returning();
  return inserted!;
}

export async function findOperation(db: Database | Transaction, id: string): Promise<Row | null> {
  const [row] = await db.select().from(operations).where(eq(operations.id, id));
  return row ?? null;
}

export async function activeOperationOfPlan(db: Database | Transaction, planId: string): Promise<Row | null> {
  const [row] = await db
    .select()
    .from(operations)
    .where(and(eq(operations.planId, planId), inArray(operations.state, [...ACTIVE_OPERATION_STATES])));
  return row ?? null;
}

export async function operationsIn(db: Database, states: readonly OperationState[]): Promise<Row[]> {
  return db
    .select()
    .from(operations)
    .where(inArray(operations.state, [...states]));
}

/** How many operations are in each of `states`. */
export async function countOperationsIn(
  db: Database,
  states: readonly OperationState[],
): Promise<Record<string, number>> {
  const rows = await db
    .select({ state: operations.state, n: count() })
    .from(operations)
    .where(inArray(operations.state, [...states]))
    .groupBy(operations.state);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** Operations recorded, by action and state. */
export async function countOperationsByActionAndState(
  db: Database,
): Promise<{ action: string; state: string; n: number }[]> {
  return db
    .select({ action: operations.action, state: operations.state, n: count() })
    .from(operations)
    .groupBy(operations.action, operations.state);
}

export async function allOperations(db: Database): Promise<Row[]> {
  return db.select().from(operations);
}

/**
 * Moves an operation from one of `from` to `to`, with the given fields, only if it is still in
 * one of `from`: two instances or two requests racing on one operation cannot both move it.
 * Returns the updated row, or null when it had moved on already.
 */
export async function moveOperation(
  db: Database | Transaction,
  id: string,
  from: readonly OperationState[],
  to: OperationState,
  fields: Partial<NewOperation> = {},
): Promise<Row | null> {
  const [row] = await db
    .update(operations)
    .set({ ...fields, state: to, updatedAt: new Date() })
    .where(and(eq(operations.id, id), inArray(operations.state, [...from])))
    .returning();
  return row ?? null;
}

export async function findIdempotencyKey(db: Database | Transaction, username: string, key: string) {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.username, username), eq(idempotencyKeys.key, key)));
  return row ?? null;
}

export async function saveIdempotencyKey(
  tx: Transaction,
  row: { username: string; key: string; requestHash: string; operationId: string },
): Promise<void> {
  await tx.insert(idempotencyKeys).values({ ...row, createdAt: new Date() });
}
