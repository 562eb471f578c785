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
 * shares the schema and migrations; its driver arrives with the scale-out work (the config refuses
 * database.url until then).
 */
export async function openDatabase(opts: { dataDir: string }): Promise<OpenDatabase> {
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
