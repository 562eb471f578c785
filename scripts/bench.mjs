// `npm run bench -- <name>`: builds, then runs bench/<name>.mjs, which prints its figures.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureInstalled, main, root, run } from './tooling.mjs';

const name = process.argv[2];
const available = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => f.slice(0, -4));
if (!name || !existsSync(join(root, 'bench', `${name}.mjs`))) {
  console.error(`usage: npm run bench -- <name>   (available: ${available.join(', ')})`);
  process.exit(2);
}
await main(async () => {
  await ensureInstalled();
  await build();
  await run(process.execPath, [join('bench', `${name}.mjs`), ...process.argv.slice(3)]);
});
