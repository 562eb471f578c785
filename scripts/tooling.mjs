// Set-up steps shared by `npm start` and `npm test`: they need only Node and npm on the machine.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const PNPM = 'pnpm@10.34.8';
import { CHROMIUM } from './chromium.mjs';

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

/** Debian's Chromium for the browser tests: installed with apt when we can, else we say how. */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const canApt = process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (canApt) {
    console.log('Installing Debian chromium for the end-to-end tests (apt-get)...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
      const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
      if (r.status !== 0) break;
    }
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

/** Runs a script's body; a failed step ends the process with its message, not a stack trace. */
export async function main(body) {
  try {
    await body();
  } catch (err) {
    console.error(`\n${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
