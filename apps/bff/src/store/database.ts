import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsDir } from '../paths.ts';
import { embeddedCoordination, postgresCoordination, type Coordination } from './coordination.ts';
import * as schema from './schema.ts';

/**
 * The database as the code sees it: drizzle's driver-neutral PostgreSQL interface, so the same
 * code runs on the embedded PGlite and on PostgreSQL (node-postgres).
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
  /** This instance's own connection: its locks and the notifications it receives. */
  coordination: Coordination;
  /** Its queries run on the thread that serves requests (the embedded database). */
  onThisThread: boolean;
  /** A trivial write, for /readyz. */
  check(): Promise<void>;
  close(): Promise<void>;
}

/** Connections to PostgreSQL per instance: reads are served from memory, so few are busy at once. */
const POOL_SIZE = 10;
/** The advisory lock (any constant) under which one instance at a time applies the migrations. */
const MIGRATION_LOCK_KEY = 0x4c_69_66_65_62_6f_61_74n; // "Lifeboat"

/**
 * The configured database, migrated to the current schema: PostgreSQL when `url` is set, else the
 * embedded PGlite in `dataDir`.
 */
export function openDatabase(opts: { url?: string | null; dataDir: string }): Promise<OpenDatabase> {
  return opts.url ? openPostgres(opts.url) : openEmbedded(opts.dataDir);
}

/**
 * PostgreSQL through a pool. Several instances may start together: each migrates under one
 * advisory lock, so one applies the migrations and the others then find nothing left to do.
 */
async function openPostgres(url: string): Promise<OpenDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, application_name: 'lifeboat' });
  // An idle connection the server closed is dropped by the pool; the next query opens another.
  pool.on('error', () => undefined);
  let coordination: Coordination;
  try {
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
      try {
        await migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder: migrationsDir });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
      }
    } finally {
      client.release();
    }
    coordination = await postgresCoordination(url);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return {
    db: drizzlePostgres(pool, { schema }) as unknown as Database,
    coordination,
    onThisThread: false,
    async check() {
      await pool.query('select 1');
    },
    async close() {
      await coordination.close();
      await pool.end();
    },
  };
}

/**
 * The embedded database's buffer cache, in the serving process's memory (PostgreSQL's 128MB by
 * default, all of it resident once a million restore points are written). Its files are read
 * through the operating system's cache, which serves it as well at no cost to this process.
 */
const EMBEDDED_SHARED_BUFFERS = '16MB';

/** The embedded database (PGlite) in a data folder. */
async function openEmbedded(dataDir: string): Promise<OpenDatabase> {
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await createDataFolder(dataDir);
  const client = await PGlite.create(dataDir, {
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
  });
  const embedded = drizzle(client, { schema });
  await migrate(embedded, { migrationsFolder: migrationsDir });
  return {
    db: embedded as unknown as Database,
    coordination: await embeddedCoordination(client),
    onThisThread: true,
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
