import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One run over every package's own Vitest project, so `npm test` prints one summary.
export default defineConfig({
  test: {
    // A file per core (decision 023): Vitest's default of one core fewer ran every file alone on a
    // 2-core machine, while an integration file mostly waits on the servers it starts. The e2e
    // files too, sharing the global setup's demo read-only.
    maxWorkers: availableParallelism(),
    projects: ['packages/*', 'apps/*', 'apps/bff/vitest.postgres.config.ts', 'e2e'],
  },
});
