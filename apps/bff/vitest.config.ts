import { configDefaults, defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'bff',
    environment: 'node',
    // On PostgreSQL only: vitest.postgres.config.ts runs it.
    exclude: [...configDefaults.exclude, 'test/postgres-mode.test.ts', 'test/scale-out.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    // Every API answer the suites see is checked against the OpenAPI document.
    setupFiles: ['./test/openapi-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The BFFs that tests start in-process log warnings and errors only (a child BFF sets its own).
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  },
});
