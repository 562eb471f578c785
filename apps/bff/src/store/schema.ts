import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Users: local ones from the config (synced in at boot), and those of single sign-on. */
export const users = pgTable('users', {
  username: text().primaryKey(),
  /** scrypt, see auth/passwords.ts */
  passwordHash: text('password_hash').notNull(),
  roles: text().array().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /**
   * `local` (from the config, signs in with a password) or `sso` (signed in through the identity
   * provider, roles from its claims at each sign-in; no password).
   */
  origin: text().notNull().default('local'),
});

/**
 * Single sign-ons under way: the state sent to the identity provider, with the PKCE verifier and
 * the nonce to check its answer against. In the database, so the answer may reach any instance;
 * used once, and refused after SSO_LOGIN_TTL_MS.
 */
export const ssoLogins = pgTable('sso_logins', {
  state: text().primaryKey(),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text().notNull(),
  returnTo: text('return_to').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/**
 * Links that sign a wall display in read-only. Only a SHA-256 hash of the token is stored, so the
 * table alone cannot sign anyone in.
 */
export const kioskLinks = pgTable(
  'kiosk_links',
  {
    id: uuid().primaryKey(),
    name: text().notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('kiosk_links_token_hash_idx').on(t.tokenHash)],
);

/**
 * Tokens that scripts send as `Authorization: Bearer`. Only a SHA-256 hash of the secret is
 * stored, so the table alone cannot act as anyone.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid().primaryKey(),
    name: text().notNull(),
    role: text().notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_token_hash_idx').on(t.tokenHash)],
);

/**
 * Browser sessions. Only a hash of the cookie value is stored, so the table alone cannot sign anyone in.
 * A session belongs either to a user or to a kiosk link, never both.
 */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    username: text().references(() => users.username, { onDelete: 'cascade' }),
    kioskLinkId: uuid('kiosk_link_id').references(() => kioskLinks.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('sessions_expires_at_idx').on(t.expiresAt),
    index('sessions_kiosk_link_id_idx').on(t.kioskLinkId),
    check('sessions_one_owner', sql`(${t.username} is null) <> (${t.kioskLinkId} is null)`),
  ],
);

/** Each source's last successful poll: when, and what it could not read. One small row, written per poll. */
export const sourceState = pgTable('source_state', {
  sourceId: text('source_id').primaryKey(),
  fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
  unreadable: jsonb().$type<{ count: number; firstError: string | null }>().notNull(),
  /** False while a large write of the tracked items is under way: a crash then leaves them partial. */
  itemsWritten: boolean('items_written').notNull().default(true),
  /** When the tracked items last changed, so an instance that does not poll reads them only then. */
  itemsChangedAt: timestamp('items_changed_at', { withTimezone: true }),
  /**
   * When the tracked items were last written whole: an instance holding data from before reads
   * them whole; one holding later data reads only the items changed and removed since.
   */
  itemsRewrittenAt: timestamp('items_rewritten_at', { withTimezone: true }),
  /** The latest poll, successful or not, as the polling instance saw it: every instance shows it. */
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
  lastError: jsonb('last_error').$type<{ code: string; message: string }>(),
  latencyMs: integer('latency_ms'),
});

/**
 * Each source's last good data, one row per collection, rewritten only when that collection
 * changed, so a restart serves the last known data at once with its true age.
 */
export const sourceCollections = pgTable(
  'source_collections',
  {
    sourceId: text('source_id').notNull(),
    collection: text().notNull(),
    /** A digest of the items, to tell a change from a repeat without reading the row back. */
    digest: text().notNull(),
    items: jsonb().$type<unknown[]>().notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.collection] })],
);

/**
 * The last good data of the collections a connector reads by change (a million restore points),
 * one row per item: a poll writes only the items it changed.
 */
export const sourceItems = pgTable(
  'source_items',
  {
    sourceId: text('source_id').notNull(),
    collection: text().notNull(),
    itemId: text('item_id').notNull(),
    item: jsonb().$type<unknown>().notNull(),
    /** The poll that wrote the item last (its time); null for rows from before it was kept. */
    changedAt: timestamp('changed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.sourceId, t.collection, t.itemId] }),
    index('source_items_changed').on(t.sourceId, t.changedAt),
  ],
);

/**
 * Items of tracked collections that a poll removed, and when: instances that do not poll drop
 * them without reading every item again. Kept for REMOVALS_KEPT_MS (last-good.ts), and until the
 * collection is next written whole.
 */
export const sourceItemRemovals = pgTable(
  'source_item_removals',
  {
    sourceId: text('source_id').notNull(),
    collection: text().notNull(),
    itemId: text('item_id').notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sourceId, t.collection, t.itemId] }),
    index('source_item_removals_removed').on(t.sourceId, t.removedAt),
  ],
);

/** The states in which an operation holds its plan: no second action may start on it. */
export const ACTIVE_OPERATION_STATES = [
  'requested',
  'awaiting_approval',
  'approved',
  'dispatching',
  'dispatched',
  'running',
  'unknown',
] as const;

/**
 * Destructive actions on plans (failover, failback, ...), one row each, moved through their
 * states by the operations use cases. At most one active operation per plan, enforced here.
 */
export const operations = pgTable(
  'operations',
  {
    id: text().primaryKey(),
    planId: text('plan_id').notNull(),
    planName: text('plan_name').notNull(),
    sourceId: text('source_id').notNull(),
    nativePlanId: text('native_plan_id').notNull(),
    action: text().notNull(),
    params: jsonb().$type<Record<string, unknown>>().notNull(),
    state: text().notNull(),
    reason: text().notNull(),
    ticket: text(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** The plan's native state when the request was made; a change before approval voids it. */
    planStateAtRequest: text('plan_state_at_request').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** The upstream's own answer to the action (status and an excerpt), quoted in the receipt. */
    upstreamAnswer: jsonb('upstream_answer').$type<Record<string, unknown>>(),
    /** Progress and the last thing said about the operation, in plain words. */
    progress: jsonb().$type<Record<string, unknown>>(),
    message: text(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** The instance that sends it (while `dispatching`): if that instance dies, another reconciles it. */
    dispatchingInstance: text('dispatching_instance'),
  },
  (t) => [
    uniqueIndex('operations_one_active_per_plan')
      .on(t.planId)
      .where(sql.raw(`state in (${ACTIVE_OPERATION_STATES.map((s) => `'${s}'`).join(', ')})`)),
    index('operations_requested_at_idx').on(t.requestedAt),
  ],
);

/** Idempotency keys of action requests: the same key and body get the same answer. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    username: text().notNull(),
    key: text().notNull(),
    requestHash: text('request_hash').notNull(),
    operationId: text('operation_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.username, t.key] })],
);

/**
 * The audit trail: append-only, each row chained to the one before by a SHA-256 hash, written in
 * the same transaction as the change it describes.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull(),
    actor: text().notNull(),
    roles: text().array().notNull(),
    action: text().notNull(),
    target: text(),
    params: jsonb().$type<Record<string, unknown>>(),
    reason: text(),
    ticket: text(),
    outcome: text().notNull(),
    requestId: text('request_id'),
    correlation: text(),
    prevHash: text('prev_hash').notNull(),
    hash: text().notNull(),
  },
  (t) => [index('audit_events_at_idx').on(t.at)],
);

/**
 * RPO compliance over time: how many VMs were in each grade at each sample, for every VM (tenant
 * null) and per tenant. Written only by the instance that polls; rows older than 30 days are
 * deleted as new ones are written.
 */
export const rpoHistory = pgTable(
  'rpo_history',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull(),
    tenant: text(),
    compliant: integer().notNull(),
    exceeded: integer().notNull(),
    severe: integer().notNull(),
    critical: integer().notNull(),
    unknown: integer().notNull(),
  },
  (t) => [index('rpo_history_at_idx').on(t.at), index('rpo_history_tenant_at_idx').on(t.tenant, t.at)],
);

/**
 * Events for browsers (inventory changes, source health, operations), numbered here so that every
 * instance delivers the same event under the same id: a browser that reconnects to another
 * instance resumes where it was. Instances learn of new rows by NOTIFY; old rows are deleted.
 */
export const events = pgTable('events', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  event: jsonb().$type<unknown>().notNull(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Failed sign-ins by key (an account from an address, or an address), shared by every instance. */
export const signInFailures = pgTable('sign_in_failures', {
  key: text().primaryKey(),
  count: integer().notNull(),
  last: timestamp({ withTimezone: true }).notNull(),
  /** The end of the wait whose first refusal was audited, so a wait is audited once. */
  reportedUntil: timestamp('reported_until', { withTimezone: true }),
});
