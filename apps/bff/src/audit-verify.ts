import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { drizzle } from 'drizzle-orm/pglite';
import pg from 'pg';
import { verifyAuditChain, type AuditHead, type AuditVerification } from './store/audit.ts';
import * as schema from './store/schema.ts';

/**
 * Recomputes the audit chain of a data folder. It reads a copy, so the folder itself is never
 * written to (opening a database can write, and this is evidence); the BFF should be stopped so the
 * copy is consistent.
 */
export async function verifyDataDir(dataDir: string, expectHead?: AuditHead): Promise<AuditVerification> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new Error(`${dataDir} is not a Lifeboat data folder`);
  const copy = mkdtempSync(join(tmpdir(), 'lifeboat-audit-verify-'));
  try {
    cpSync(dataDir, copy, { recursive: true });
    const client = await PGlite.create(copy);
    try {
      return await verifyAuditChain(drizzle(client, { schema }), expectHead);
    } finally {
      await client.close();
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/**
 * Recomputes the audit chain of a PostgreSQL database, in read-only transactions: the evidence is
 * never written to, and Lifeboat may keep running meanwhile (records it adds are simply newer).
 */
export async function verifyPostgres(url: string, expectHead?: AuditHead): Promise<AuditVerification> {
  const pool = new pg.Pool({ connectionString: url, max: 1, options: '-c default_transaction_read_only=on' });
  try {
    return await verifyAuditChain(drizzlePostgres(pool, { schema }), expectHead);
  } finally {
    await pool.end();
  }
}

/** An `audit chain head` line's `SEQ:HASH`, or null when it is not one. */
export function parseHead(text: string): AuditHead | null {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text);
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}
