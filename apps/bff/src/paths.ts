import { fileURLToPath } from 'node:url';

// This module sits one folder below the package root both as source (src/) and bundled (dist/).
export const migrationsDir = fileURLToPath(new URL('../drizzle', import.meta.url));
export const defaultWebDir = fileURLToPath(new URL('../../web/dist', import.meta.url));
