import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** The migrated database each test database is copied from. */
export const POSTGRES_TEMPLATE = 'lifeboat_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway PostgreSQL's superuser URL, in the bff-postgres project only. */
    postgresUrl: string | undefined;
  }
}

/** In the bff-postgres project: the server the stacks' databases live on; else undefined. */
export const postgresUrl = (): string | undefined => inject('postgresUrl');

/** Runs `fn` with a client connected to `url`, closed after. */
export async function withPostgres<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new database copied from the template: its URL, and `drop()`. */
export async function newPostgresDatabase(serverUrl: string) {
  const name = `lifeboat_${randomUUID().replaceAll('-', '')}`;
  await withPostgres(serverUrl, (c) => c.query(`create database ${name} template ${POSTGRES_TEMPLATE}`));
  return {
    url: databaseUrl(serverUrl, name),
    drop: () => withPostgres(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`)),
  };
}

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}
