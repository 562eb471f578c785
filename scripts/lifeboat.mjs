// `npm run lifeboat -- COMMAND …`: the `lifeboat` command (apps/bff/src/cli.ts: check-config,
// migrate, verify-audit, create-user, create-token). Builds the BFF first when its bundle is missing
// or older than its sources; build output goes to stderr, so stdout is the command's alone.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, main, pnpm, root } from './tooling.mjs';

const bundle = join(root, 'apps/bff/dist/cli.js');
const SOURCES = [
  'apps/bff/src',
  'apps/bff/package.json',
  'packages/shared/src',
  'packages/upstreams/src',
  'scripts/bundle.mjs',
  'pnpm-lock.yaml',
];

/** The newest modification time of a file, or of any file under a folder. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
if (SOURCES.some((p) => newest(join(root, p)) > built)) {
  await main(async () => {
    console.error('Building the BFF first...');
    const toStderr = { stdio: ['ignore', 2, 2] };
    await ensureInstalled(toStderr);
    await pnpm(
      ['exec', 'turbo', 'run', 'build', '--filter=@lifeboat/bff', '--output-logs=errors-only'],
      toStderr,
    );
  });
}
// npm runs scripts from the repo root; a relative path means where the command was typed.
const r = spawnSync(process.execPath, [bundle, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: process.env.INIT_CWD ?? process.cwd(),
});
process.exit(r.status ?? 1);
