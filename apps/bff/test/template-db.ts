import { fileURLToPath } from 'node:url';

/**
 * A migrated PGlite data folder made once per test run: a fresh PGlite costs seconds and most of a
 * gigabyte, a copy of this opens in a fraction of a second.
 */
export const templateDataDir = fileURLToPath(new URL('../../../.tmp/pglite-template', import.meta.url));
