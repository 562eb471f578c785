import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { buildId, precompress } from './build-plugins.ts';

// The only place the web app reads the environment: where the dev server forwards /api.
const bffUrl = process.env.LIFEBOAT_BFF_URL ?? 'http://127.0.0.1:8080';

// react-router's package exports name only its development build (remix-run/react-router#12532),
// whose dev-only checks run in every render; a production build takes its production twin.
const reactRouterProduction = join(
  dirname(createRequire(import.meta.url).resolve('react-router/package.json')),
  'dist/production',
);

export default defineConfig(({ command }) => ({
  plugins: [react(), tailwindcss(), buildId(), precompress()],
  resolve:
    command === 'build'
      ? {
          alias: [
            { find: /^react-router$/, replacement: join(reactRouterProduction, 'index.mjs') },
            { find: /^react-router\/dom$/, replacement: join(reactRouterProduction, 'dom-export.mjs') },
          ],
        }
      : {},
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Keep every asset a file: the CSP allows no inline script or style and no data: scripts.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: bffUrl, changeOrigin: false },
    },
  },
  preview: { host: '127.0.0.1' },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
  },
}));
