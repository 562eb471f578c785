// `npm run sim -- [flags]`: the simulator alone, after making sure it is installed and built.
import { build, ensureInstalled, main, run } from './tooling.mjs';

// Set-up output goes to stderr so that `--json` leaves exactly one line on stdout.
const toStderr = { stdio: ['inherit', 2, 'inherit'] };
await main(async () => {
  await ensureInstalled(toStderr);
  await build(toStderr);
  await run(process.execPath, ['apps/veeam-sim/dist/cli.js', ...process.argv.slice(2)]);
});
