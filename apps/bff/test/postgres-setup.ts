import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from '../../../scripts/postgres.mjs';
import { openDatabase } from '../src/store/database.ts';
import { databaseUrl, POSTGRES_TEMPLATE, withPostgres } from './postgres.ts';

/**
 * The bff-postgres project's PostgreSQL: a throwaway cluster for the run, with a migrated template
 * database that each stack copies (CREATE DATABASE … TEMPLATE, milliseconds).
 */
export default async function setup(project: TestProject) {
  const server = await startThrowawayPostgres();
  try {
    await withPostgres(server.url, (client) => client.query(`create database ${POSTGRES_TEMPLATE}`));
    const template = await openDatabase({ url: databaseUrl(server.url, POSTGRES_TEMPLATE), dataDir: '' });
    await template.close();
  } catch (err) {
    server.stop();
    throw err;
  }
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
