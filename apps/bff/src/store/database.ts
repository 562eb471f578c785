import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle, type PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsDir } from '../paths.ts';
import * as schema from './schema.ts';

export type Database = PgliteDatabase<typeof schema>;

export interface OpenDatabase {
  db: Database;
  /** A trivial write, for /readyz. */
  check(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The embedded database (PGlite) in a data folder, migrated to the current schema. PostgreSQL
 * (database.url) shares the schema and migrations; its driver arrives with the scale-out work.
 */
export async function openDatabase(opts: { url: string | null; dataDir: string }): Promise<OpenDatabase> {
  if (opts.url) {
    throw new Error('database.url (PostgreSQL) is not supported yet: remove it to use the embedded database');
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const client = await PGlite.create(opts.dataDir);
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: migrationsDir });
  return {
    db,
    async check() {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}
