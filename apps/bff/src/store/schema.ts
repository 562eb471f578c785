import { index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Local users; the config is their source of truth and is synced in at boot. */
export const users = pgTable('users', {
  username: text().primaryKey(),
  /** scrypt, see auth/passwords.ts */
  passwordHash: text('password_hash').notNull(),
  roles: text().array().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Browser sessions. Only a hash of the cookie value is stored, so the table alone cannot sign anyone in. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    username: text()
      .notNull()
      .references(() => users.username, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_expires_at_idx').on(t.expiresAt)],
);

/** Each source's last successful poll: when, and what it could not read. One small row, written per poll. */
export const sourceState = pgTable('source_state', {
  sourceId: text('source_id').primaryKey(),
  fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
  unreadable: jsonb().$type<{ count: number; firstError: string | null }>().notNull(),
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
