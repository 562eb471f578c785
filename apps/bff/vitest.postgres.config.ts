import { defineProject } from 'vitest/config';

/**
 * The database-backed suites again, on PostgreSQL: a throwaway cluster from Debian's packages
 * (test/postgres-setup.ts), a database of its own per stack. Left out, for the time they take:
 * the upstream-behaviour suites (all-sources, upstream-faults), whose database use these cover;
 * and those about the embedded database itself (its data folder: crash-recovery, cli, last-good).
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
      'test/implausible-answers.test.ts',
      'test/incremental-reads.test.ts',
      'test/inventory.test.ts',
      'test/kiosk-links.test.ts',
      'test/list-query.test.ts',
      'test/metrics.test.ts',
      'test/operations.test.ts',
      'test/postgres-mode.test.ts',
      'test/resilience.test.ts',
      'test/restart-and-events.test.ts',
      'test/role-matrix.test.ts',
      'test/rpo.test.ts',
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
