import { createHash } from 'node:crypto';
import type { AuditEvent, AuditQuery, ListEnvelope } from '@lifeboat/shared';
import { and, asc, count, desc, eq, gt, ilike, is, lt, or, sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../actions/list-query.ts';
import type { Database, Transaction } from './database.ts';
import { auditEvents } from './schema.ts';

/** The prevHash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The key of the transaction-scoped advisory lock that serialises appends, so that concurrent
 * writers (later: several BFF instances on one PostgreSQL) never fork the chain. Any fixed bigint
 * no other code uses; this one spells "LIFEAUD".
 */
export const AUDIT_LOCK_KEY = 0x4c49464541554440n;

/** Rows read per query when the whole trail is walked (verification, exports). */
export const AUDIT_PAGE_SIZE = 1000;

/** What a caller says about an action; seq, hashes and (by default) the time are added here. */
export const AuditInput = z.strictObject({
  at: z.date().optional(),
  actor: z.string().min(1),
  roles: z.array(z.string()),
  action: z.string().min(1),
  target: z.string().nullish(),
  params: z.record(z.string(), z.unknown()).nullish(),
  reason: z.string().nullish(),
  ticket: z.string().nullish(),
  outcome: z.string().min(1),
  requestId: z.string().nullish(),
  correlation: z.string().nullish(),
});
export type AuditInput = Omit<z.input<typeof AuditInput>, 'roles'> & { roles: readonly string[] };

/**
 * Appends one record to the audit trail and returns it. Call it with the transaction of the change
 * it describes, so the record commits with that change or not at all; given the database itself,
 * it opens its own transaction.
 */
export async function appendAudit(db: Database | Transaction, input: AuditInput): Promise<AuditEvent> {
  if (!is(db, PgTransaction)) return db.transaction((tx) => appendAudit(tx, input));
  const tx = db;
  const e = AuditInput.parse(input);
  // Stored exactly as it will read back, so the hash computed now is the one recomputed later.
  const fields = {
    at: new Date((e.at ?? new Date()).getTime()),
    actor: storable(e.actor),
    roles: e.roles.map(storable),
    action: storable(e.action),
    target: nullable(e.target),
    params:
      e.params == null ? null : (storable(JSON.parse(JSON.stringify(e.params))) as Record<string, unknown>),
    reason: nullable(e.reason),
    ticket: nullable(e.ticket),
    outcome: storable(e.outcome),
    requestId: nullable(e.requestId),
    correlation: nullable(e.correlation),
  };

  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY.toString()}::bigint)`);
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const unhashed = {
    seq: (last?.seq ?? 0) + 1,
    ...fields,
    at: fields.at.toISOString(),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const event: AuditEvent = { ...unhashed, hash: auditHash(unhashed) };
  await tx.insert(auditEvents).values({ ...event, at: fields.at });
  return event;
}

/**
 * SHA-256 (hex) of the record's canonical JSON (every field but the hash, keys sorted, no
 * whitespace) followed by prevHash (AUD-03).
 */
export function auditHash(e: Omit<AuditEvent, 'hash'> & { hash?: string }): string {
  // canonicalJson leaves undefined members out.
  return createHash('sha256')
    .update(canonicalJson({ ...e, hash: undefined }) + e.prevHash)
    .digest('hex');
}

/** JSON with object keys sorted at every depth and undefined members left out. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The newest record's seq and hash: kept outside the database, it shows whether records were removed since. */
export interface AuditHead {
  seq: number;
  hash: string;
}

export type AuditVerification =
  { ok: true; count: number; head: AuditHead | null } | { ok: false; seq: number; problem: string };

/** A head as the BFF's log and `lifeboat verify-audit` write it: `SEQ:HASH`. */
export const formatHead = (h: AuditHead) => `${h.seq}:${h.hash}`;

/** The chain's head now, or null for an empty trail. */
export async function auditHead(db: Database | Transaction): Promise<AuditHead | null> {
  const [last] = await db
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return last ?? null;
}

/**
 * Recomputes the chain from the first record on, a page at a time: every seq follows the one
 * before, every prevHash is the hash before it, every hash matches its record. Reports the first
 * record that does not. Removing the newest records leaves a shorter valid chain: a head recorded
 * earlier (`expectHead`, from the BFF's log) shows that.
 */
export async function verifyAuditChain(
  db: Database | Transaction,
  expectHead?: AuditHead,
): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for await (const e of iterateAudit(db, {})) {
    if (e.seq !== expectedSeq) {
      return e.seq > expectedSeq
        ? { ok: false, seq: expectedSeq, problem: `missing (the next record is seq ${e.seq})` }
        : { ok: false, seq: e.seq, problem: `out of sequence (expected seq ${expectedSeq})` };
    }
    if (e.prevHash !== prevHash)
      return { ok: false, seq: e.seq, problem: 'prevHash is not the hash of the record before it' };
    if (auditHash(e) !== e.hash)
      return { ok: false, seq: e.seq, problem: 'hash does not match the record (it was altered)' };
    if (e.seq === expectHead?.seq && e.hash !== expectHead.hash)
      return {
        ok: false,
        seq: e.seq,
        problem: 'not the record the recorded head names (the trail was rewritten)',
      };
    prevHash = e.hash;
    expectedSeq++;
  }
  const count = expectedSeq - 1;
  if (expectHead && expectHead.seq > count)
    return {
      ok: false,
      seq: count + 1,
      problem: `missing: the trail ends at seq ${count}, but a head recorded earlier is seq ${expectHead.seq} (newer records were removed)`,
    };
  return { ok: true, count, head: count ? { seq: count, hash: prevHash } : null };
}

/** The filters of the audit list and its exports. */
export type AuditFilter = Pick<AuditQuery, 'q' | 'actor' | 'action' | 'target'>;

/** One page of the audit trail, filtered and ordered by seq, in the list envelope. */
export async function listAudit(
  db: Database | Transaction,
  query: AuditFilter & Pick<AuditQuery, 'order' | 'limit' | 'cursor'>,
): Promise<ListEnvelope<AuditEvent>> {
  const asOf = new Date();
  const offset = decodeCursor(query.cursor);
  const where = auditWhere(query);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(query.order === 'asc' ? asc(auditEvents.seq) : desc(auditEvents.seq))
    .limit(query.limit)
    .offset(offset);
  const [total] = await db.select({ n: count() }).from(auditEvents).where(where);
  const n = total?.n ?? 0;
  return {
    items: rows.map(toEvent),
    total: n,
    nextCursor: offset + query.limit < n ? encodeCursor(offset + query.limit) : null,
    asOf: asOf.toISOString(),
    sources: [],
  };
}

/**
 * Every matching record in seq order, read in pages (keyset on seq), so a long trail is never
 * held in memory at once.
 */
export async function* iterateAudit(
  db: Database | Transaction,
  filter: AuditFilter,
  order: 'asc' | 'desc' = 'asc',
  pageSize = AUDIT_PAGE_SIZE,
): AsyncGenerator<AuditEvent> {
  let after: number | null = null;
  for (;;) {
    const page = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          auditWhere(filter),
          after === null
            ? undefined
            : order === 'asc'
              ? gt(auditEvents.seq, after)
              : lt(auditEvents.seq, after),
        ),
      )
      .orderBy(order === 'asc' ? asc(auditEvents.seq) : desc(auditEvents.seq))
      .limit(pageSize);
    for (const row of page) yield toEvent(row);
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.seq;
  }
}

function auditWhere(f: AuditFilter): SQL | undefined {
  const needle = f.q?.trim();
  const like = needle ? `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return and(
    f.actor === undefined ? undefined : eq(auditEvents.actor, f.actor),
    f.action === undefined ? undefined : eq(auditEvents.action, f.action),
    f.target === undefined ? undefined : eq(auditEvents.target, f.target),
    like === null
      ? undefined
      : or(
          ...[
            auditEvents.actor,
            auditEvents.action,
            auditEvents.target,
            auditEvents.reason,
            auditEvents.ticket,
            auditEvents.outcome,
            auditEvents.requestId,
            auditEvents.correlation,
          ].map((c) => ilike(c, like)),
          sql`${auditEvents.params}::text ilike ${like}`,
        ),
  );
}

function toEvent(row: typeof auditEvents.$inferSelect): AuditEvent {
  return { ...row, at: row.at.toISOString() };
}

const nullable = (s: string | null | undefined) => (s == null ? null : storable(s));

/**
 * PostgreSQL stores neither NUL nor unpaired UTF-16 surrogates in text or jsonb; both become
 * U+FFFD before hashing, so what is hashed is what is stored.
 */
function storable<T>(value: T): T {
  if (typeof value === 'string')
    return value.replace(
      /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    ) as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)])) as T;
  return value;
}
