// `node scripts/pnpm.mjs …` runs the pinned pnpm (through npx) after installing what is missing,
// so root scripts such as `npm run lint` and `npm run format` work on a fresh clone.
import { ensureInstalled, main, pnpm } from './tooling.mjs';

await main(async () => {
  await ensureInstalled();
  await pnpm(process.argv.slice(2));
});
