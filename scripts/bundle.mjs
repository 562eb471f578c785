// Bundles a Node entry point of this workspace into one ESM file. Workspace packages
// (@lifeboat/*) export TypeScript source, so they are bundled in, with the npm packages they use
// (the app does not list those); the app's own npm dependencies stay external and load from its
// node_modules at run time.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error('usage: node scripts/bundle.mjs <entry.ts> <out.js>');
  process.exit(2);
}

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  // Bundled CommonJS packages call require(); give them Node's.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
  plugins: [
    {
      name: 'external-npm-packages',
      setup(b) {
        const { dependencies = {} } = JSON.parse(readFileSync('package.json', 'utf8'));
        const packageName = (spec) =>
          spec
            .split('/')
            .slice(0, spec.startsWith('@') ? 2 : 1)
            .join('/');
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          const name = packageName(args.path);
          // One copy of each package the app lists (so `instanceof` holds across modules).
          const external =
            args.path.startsWith('node:') || (!name.startsWith('@lifeboat/') && name in dependencies);
          return external ? { path: args.path, external: true } : undefined;
        });
      },
    },
  ],
});
