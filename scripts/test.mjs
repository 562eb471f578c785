// `npm test`: installs what is missing (Debian's chromium, postgresql and promtool too), then runs every check and test:
// format, typecheck, build, lint, and all Vitest projects (unit, integration, end-to-end).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensureChromium,
  ensureInstalled,
  ensurePostgres,
  ensurePromtool,
  main,
  pnpm,
  root,
} from './tooling.mjs';

const step = (title) => console.log(`\n== ${title}`);

await main(async () => {
  await ensureInstalled();
  ensureChromium();
  ensurePromtool();
  ensurePostgres();
  step('format (prettier --check)');
  await pnpm(['exec', 'prettier', '--check', '--log-level', 'warn', '.']);
  step('typecheck and build');
  await pnpm(['exec', 'turbo', 'run', 'typecheck', 'build', '--output-logs=errors-only']);
  step('lint (eslint, type-aware)');
  await pnpm(['exec', 'eslint', '--max-warnings=0', '.']);

  step('tests (vitest: unit, integration against the simulator, end-to-end in chromium)');
  const report = join(root, '.tmp', 'vitest-report.json');
  mkdirSync(join(root, '.tmp'), { recursive: true });
  rmSync(report, { force: true });
  const ran = await pnpm([
    'exec',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]).then(
    () => true,
    () => false,
  );
  if (!existsSync(report)) throw new Error('vitest did not finish its run (no report was written)');
  const r = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  if (!ran || r.numFailedTests > 0 || r.numPassedTests === 0) process.exit(1);
});
