import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { drizzle } from 'drizzle-orm/pglite';
import pg from 'pg';
import { formatHead, verifyAuditChain, type AuditHead, type AuditVerification } from './store/audit.ts';
import * as schema from './store/schema.ts';

const USAGE =
  "usage: lifeboat verify-audit (--data-dir DIR | --database-url URL) [--expect-head SEQ:HASH]   (the BFF's database; " +
  "SEQ:HASH is an 'audit chain head' from the BFF's log, to detect removed records)";

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

/** The command: exit 0 when the chain holds, 1 when it is broken, 2 when it could not be read. */
export async function runAuditVerify(
  args: string[],
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
): Promise<number> {
  let dataDir: string | undefined;
  let url: string | undefined;
  let head: string | undefined;
  try {
    ({
      'data-dir': dataDir,
      'database-url': url,
      'expect-head': head,
    } = parseArgs({
      args,
      options: {
        'data-dir': { type: 'string' },
        'database-url': { type: 'string' },
        'expect-head': { type: 'string' },
      },
    }).values);
  } catch (err) {
    printError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const expectHead = head === undefined ? undefined : parseHead(head);
  if ((dataDir === undefined) === (url === undefined) || expectHead === null) {
    printError(USAGE);
    return 2;
  }
  let result: AuditVerification;
  try {
    result = url ? await verifyPostgres(url, expectHead) : await verifyDataDir(dataDir!, expectHead);
  } catch (err) {
    printError(`audit chain not verified: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  if (result.ok) {
    print(`audit chain ok: ${result.count} events${result.head ? `, head ${formatHead(result.head)}` : ''}`);
    return 0;
  }
  print(`audit chain BROKEN at seq ${result.seq}: ${result.problem}`);
  return 1;
}

function parseHead(text: string): AuditHead | null {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text);
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}
