import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsDir } from '../paths.ts';
import * as schema from './schema.ts';

/**
 * The database as the code sees it: drizzle's driver-neutral PostgreSQL interface, so the same
 * code runs on PGlite today and on PostgreSQL (node-postgres) when scale-out comes.
 */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** One transaction: several rows that change together, committed or not at all. */
export type Transaction = PgTransaction<
  PgQueryResultHKT,
  typeof schema,
  ExtractTablesWithRelations<typeof schema>
>;

export interface OpenDatabase {
  db: Database;
  /** A trivial write, for /readyz. */
  check(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The embedded database (PGlite) in a data folder, migrated to the current schema. PostgreSQL
 * shares the schema and migrations; its driver arrives with the scale-out work (the config refuses
 * database.url until then).
 */
export async function openDatabase(opts: { dataDir: string }): Promise<OpenDatabase> {
  mkdirSync(opts.dataDir, { recursive: true });
  const client = await PGlite.create(opts.dataDir);
  const embedded = drizzle(client, { schema });
  await migrate(embedded, { migrationsFolder: migrationsDir });
  return {
    db: embedded as unknown as Database,
    async check() {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}
