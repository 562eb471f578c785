import { defineProject } from 'vitest/config';

/**
 * The database-backed suites again, on PostgreSQL: a throwaway cluster from Debian's packages
 * (test/postgres-setup.ts), a database of its own per stack. The others do not touch the database
 * beyond what these cover, or are about the embedded database itself (its data folder, the CLI).
 */
export default defineProject({
  test: {
    name: 'bff-postgres',
    environment: 'node',
    include: [
      'test/api-tokens.test.ts',
      'test/audit.test.ts',
      'test/auth.test.ts',
      'test/csrf.test.ts',
      'test/incremental-reads.test.ts',
      'test/kiosk-links.test.ts',
      'test/operations.test.ts',
      'test/postgres-mode.test.ts',
      'test/restart-and-events.test.ts',
      'test/role-matrix.test.ts',
      'test/scale-out.test.ts',
      'test/sessions.test.ts',
      'test/sso.test.ts',
    ],
    globalSetup: ['./test/global-setup.ts', './test/postgres-setup.ts'],
    setupFiles: ['./test/openapi-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  },
});
