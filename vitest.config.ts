import { defineConfig } from 'vitest/config';

// One run over every package's own Vitest project, so `npm test` prints one summary.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'apps/bff/vitest.postgres.config.ts', 'e2e'],
  },
});
