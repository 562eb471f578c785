import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { buildId, precompress } from './build-plugins.ts';

// The only place the web app reads the environment: where the dev server forwards /api.
const bffUrl = process.env.LIFEBOAT_BFF_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), tailwindcss(), buildId(), precompress()],
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
});
