import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
