// A throwaway PostgreSQL from Debian's packages, for the tests and benchmarks that run Lifeboat on
// PostgreSQL: a new cluster in a temporary folder, on 127.0.0.1 and a free port, removed when stopped.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const VERSIONS = '/usr/lib/postgresql';

/** The newest installed PostgreSQL's bin folder (Debian's layout), or null. */
export function findPostgres() {
  if (!existsSync(VERSIONS)) return null;
  const bins = readdirSync(VERSIONS)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(VERSIONS, v, 'bin'));
  return bins.find((bin) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) ?? null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a new cluster; resolves with its superuser URL (trust authentication, 127.0.0.1 only) and
 * `stop()`. PostgreSQL refuses to run as root: as root, it runs as Debian's `postgres` user.
 */
export async function startThrowawayPostgres() {
  const bin = findPostgres();
  if (!bin)
    throw new Error(
      "PostgreSQL is not installed: install Debian's package (sudo apt-get install -y postgresql); npm test does",
    );
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-postgres-'));
  const asRoot = process.getuid?.() === 0;
  const as = (cmd, args) =>
    spawnSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, {
      encoding: 'utf8',
    });
  const check = (r, what) => {
    if (r.status !== 0) throw new Error(`${what} failed: ${r.stderr || r.stdout || r.error}`);
  };
  // The postgres user must reach the folder: a temporary folder is root's alone.
  if (asRoot) {
    chmodSync(dir, 0o777);
  }
  const data = join(dir, 'data');
  check(
    as(join(bin, 'initdb'), ['-D', data, '-U', 'lifeboat', '-A', 'trust', '-E', 'UTF8', '--no-sync']),
    'initdb',
  );
  const port = await freePort();
  // Durability is not what tests measure: no fsync, and no socket file outside the folder.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  check(
    as(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']),
    'pg_ctl start',
  );
  let stopped = false;
  return {
    url: `postgres://lifeboat@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return;
      stopped = true;
      as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
