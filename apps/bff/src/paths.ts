import { fileURLToPath } from 'node:url';

// This module sits one folder below the package root both as source (src/) and bundled (dist/).
export const migrationsDir = fileURLToPath(new URL('../drizzle', import.meta.url));
export const defaultWebDir = fileURLToPath(new URL('../../web/dist', import.meta.url));
/** The bundled upstream worker (packages/upstreams src/upstream-worker.ts), beside the bundled server. */
export const upstreamWorkerFile = fileURLToPath(new URL('../dist/upstream-worker.js', import.meta.url));
