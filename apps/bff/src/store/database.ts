import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
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
  if (!existsSync(join(opts.dataDir, 'PG_VERSION'))) await createDataFolder(opts.dataDir);
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

/**
 * Creates a new PGlite data folder in a process of its own. Creating one takes most of a gigabyte
 * that PGlite never gives back, while opening an existing one takes about a quarter of it: so the
 * server's memory, at its peak too, is what serving needs.
 */
async function createDataFolder(dataDir: string): Promise<void> {
  const pglite = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
  const script = `const m = await import(${JSON.stringify(pglite)}); const PGlite = m.PGlite ?? m.default.PGlite;
    const db = await PGlite.create(process.argv[1]); await db.close();`;
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, dataDir]);
}
