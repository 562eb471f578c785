// Set-up steps shared by `npm start` and `npm test`: they need only Node and npm on the machine.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const PNPM = 'pnpm@10.34.8';
import { CHROMIUM } from './chromium.mjs';
import { findPromtool, UNPACKED_PROMTOOL } from './promtool.mjs';
import { findPostgres } from './postgres.mjs';

/** Runs a command in the repo root with inherited output; rejects on a non-zero exit. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? code})`)),
    );
  });
}

/** pnpm through npx: corepack is not usable on every machine, and no global install is assumed. */
export function pnpm(args, opts) {
  return run('npx', ['-y', PNPM, ...args], {
    ...opts,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', ...opts?.env },
  });
}

/** Installs exactly what the lockfile says; quick when everything is already there. */
export async function ensureInstalled(opts) {
  await pnpm(['install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent'], opts);
}

export async function build(opts) {
  await pnpm(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], opts);
}

const canApt = () => process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
let aptUpdated = false;
/** apt-get with its package lists updated once per run; true when it succeeded. */
function apt(args, opts = {}) {
  if (!aptUpdated)
    aptUpdated = spawnSync('apt-get', ['update'], { stdio: 'inherit', env: aptEnv }).status === 0;
  return aptUpdated && spawnSync('apt-get', args, { stdio: 'inherit', env: aptEnv, ...opts }).status === 0;
}

/** Debian's Chromium for the browser tests: installed with apt when we can, else we say how. */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (canApt()) {
    console.log('Installing Debian chromium for the end-to-end tests (apt-get)...');
    apt(['install', '-y', '--no-install-recommends', 'chromium']);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(
      `The end-to-end tests need Chromium at ${CHROMIUM}.\n` +
        'Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n' +
        'then run npm test again.',
    );
    process.exit(1);
  }
}

/**
 * promtool for the metrics tests: from Debian's `prometheus` package, unpacked into .tmp rather
 * than installed (installing would start a Prometheus service); else we say how.
 */
export function ensurePromtool() {
  if (findPromtool()) return;
  if (spawnSync('which', ['apt-get']).status === 0 && spawnSync('which', ['dpkg-deb']).status === 0) {
    console.log(
      "Unpacking promtool from Debian's prometheus package for the metrics tests (apt-get download)...",
    );
    const work = mkdtempSync(join(tmpdir(), 'lifeboat-promtool-'));
    chmodSync(work, 0o777); // apt downloads as its own user
    try {
      const fetched = canApt()
        ? apt(['download', 'prometheus'], { cwd: work })
        : spawnSync('apt-get', ['download', 'prometheus'], { cwd: work, stdio: 'inherit' }).status === 0;
      const deb = fetched && readdirSync(work).find((f) => f.endsWith('.deb'));
      if (deb) {
        const into = dirname(dirname(dirname(UNPACKED_PROMTOOL)));
        mkdirSync(into, { recursive: true });
        spawnSync('dpkg-deb', ['-x', join(work, deb), into], { stdio: 'inherit' });
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  if (!findPromtool()) {
    console.error(
      "The metrics tests need promtool, from Debian's prometheus package.\n" +
        'Install it with:  sudo apt-get update && sudo apt-get install -y prometheus\n' +
        'then run npm test again.',
    );
    process.exit(1);
  }
}

/**
 * Debian's PostgreSQL for the suites that run Lifeboat on PostgreSQL (each run starts a cluster of
 * its own, scripts/postgres.mjs): installed with apt when we can, else we say how.
 */
export function ensurePostgres() {
  if (findPostgres()) return;
  if (canApt()) {
    console.log('Installing Debian postgresql for the PostgreSQL tests (apt-get)...');
    apt(['install', '-y', '--no-install-recommends', 'postgresql']);
  }
  if (!findPostgres()) {
    console.error(
      "The PostgreSQL tests need Debian's postgresql package.\n" +
        'Install it with:  sudo apt-get update && sudo apt-get install -y postgresql\n' +
        'then run npm test again.',
    );
    process.exit(1);
  }
}

/** Runs a script's body; a failed step ends the process with its message, not a stack trace. */
export async function main(body) {
  try {
    await body();
  } catch (err) {
    console.error(`\n${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
