import { cpSync, existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { verifyAuditChain, type AuditVerification } from './store/audit.ts';
import * as schema from './store/schema.ts';

const USAGE = "usage: audit-verify --data-dir DIR   (the BFF's database.dataDir; stop the BFF first)";

/**
 * Recomputes the audit chain of a data folder. It reads a copy, so the folder itself is never
 * written to (opening a database can write, and this is evidence); the BFF should be stopped so the
 * copy is consistent.
 */
export async function verifyDataDir(dataDir: string): Promise<AuditVerification> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new Error(`${dataDir} is not a Lifeboat data folder`);
  const copy = mkdtempSync(join(tmpdir(), 'lifeboat-audit-verify-'));
  try {
    cpSync(dataDir, copy, { recursive: true });
    const client = await PGlite.create(copy);
    try {
      return await verifyAuditChain(drizzle(client, { schema }));
    } finally {
      await client.close();
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** The command: exit 0 when the chain holds, 1 when it is broken, 2 when it could not be read. */
export async function runAuditVerify(
  args: string[],
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
): Promise<number> {
  let dataDir: string | undefined;
  try {
    dataDir = parseArgs({ args, options: { 'data-dir': { type: 'string' } } }).values['data-dir'];
  } catch (err) {
    printError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (!dataDir) {
    printError(USAGE);
    return 2;
  }
  let result: AuditVerification;
  try {
    result = await verifyDataDir(dataDir);
  } catch (err) {
    printError(`audit chain not verified: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  if (result.ok) {
    print(`audit chain ok: ${result.count} events`);
    return 0;
  }
  print(`audit chain BROKEN at seq ${result.seq}: ${result.problem}`);
  return 1;
}

// Run only as the entry point (tests import the functions).
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href)
  process.exitCode = await runAuditVerify(process.argv.slice(2));
