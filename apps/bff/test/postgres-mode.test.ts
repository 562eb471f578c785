// Lifeboat on PostgreSQL (bff-postgres project only): instances starting together on one new
// database migrate it once between them, and one serves from it at a time (decision 016); the
// `lifeboat` command works on it while Lifeboat runs, with no password in what it prints.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../src/cli.ts';
import type { ResolvedConfig } from '../src/config/load.ts';
import { startServer, type Running } from '../src/server.ts';
import { login, PASSWORD } from './harness.ts';
import { databaseUrl, postgresUrl, withPostgres } from './postgres.ts';

const server = postgresUrl();
if (!server) throw new Error('run in the bff-postgres project (vitest.postgres.config.ts)');
const NAME = 'lifeboat_together';
const url = databaseUrl(server, NAME);
let dir: string;
const running: Running[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lifeboat-pg-'));
  // An empty database, not the migrated template: the instances must migrate it.
  await withPostgres(server, (c) => c.query(`create database ${NAME}`));
});
afterAll(async () => {
  await Promise.all(running.map((r) => r.stop()));
  await withPostgres(server, (c) => c.query(`drop database if exists ${NAME} with (force)`));
  rmSync(dir, { recursive: true, force: true });
});

const config = (): ResolvedConfig => ({
  listen: {
    host: '127.0.0.1',
    port: 0,
    trustedProxies: [],
    headersTimeoutSeconds: 10,
    requestTimeoutSeconds: 60,
  },
  database: { url, dataDir: join(dir, 'unused') },
  sources: [],
  users: [{ username: 'admin', password: PASSWORD, roles: ['admin'] }],
  policy: { requireApproval: false },
  metrics: { allowFrom: ['127.0.0.1'], token: null },
  rpo: { defaultTargetMinutes: 60 },
});

it('of three instances started together on a new database, one migrates it and serves; the others refuse until it stops', async () => {
  const started = await Promise.allSettled([1, 2, 3].map(() => startServer(config(), null)));
  const serving = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  running.push(...serving);
  expect(serving).toHaveLength(1);
  for (const r of started)
    if (r.status === 'rejected')
      expect(String(r.reason)).toMatch(/another Lifeboat instance is serving from this database/);
  const migrations = await withPostgres(url, (c) =>
    c.query<{ n: string; distinct: string }>(
      'select count(*) as n, count(distinct hash) as distinct from drizzle.__drizzle_migrations',
    ),
  );
  expect(Number(migrations.rows[0]!.n)).toBeGreaterThan(0);
  expect(migrations.rows[0]!.n).toBe(migrations.rows[0]!.distinct);

  const first = serving[0]!;
  const session = await login(first.url, 'admin');
  expect((await fetch(`${first.url}/api/v1/auth/me`, { headers: { Cookie: session.cookie } })).status).toBe(
    200,
  );
  expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
  // Stopped, it lets the next one serve.
  await first.stop();
  running.length = 0;
  const next = await startServer(config(), null);
  running.push(next);
  expect((await login(next.url, 'admin')).cookie).toMatch(/^__Host-lifeboat_sid=/);
});

it('the lifeboat command checks, migrates and verifies it, and never prints its password', async () => {
  const withPassword = new URL(url);
  withPassword.password = 'not-printed';
  const file = join(dir, 'lifeboat.json');
  writeFileSync(
    file,
    JSON.stringify({
      database: { url: withPassword.href },
      sources: [],
      users: [{ username: 'admin', passwordEnv: 'LIFEBOAT_TEST_PG_ADMIN', roles: ['admin'] }],
    }),
  );
  process.env.LIFEBOAT_TEST_PG_ADMIN = PASSWORD;
  const out: string[] = [];
  const io = { print: (l: string) => out.push(l), printError: (l: string) => out.push(l) };
  expect(await runCli(['check-config', '--config', file], io)).toBe(0);
  expect(await runCli(['migrate', '--config', file], io)).toBe(0);
  // Trust authentication ignores the password; verification reads the chain the instances wrote.
  expect(await runCli(['verify-audit', '--config', file], io)).toBe(0);
  expect(out.join('\n')).toContain(`database: PostgreSQL ${NAME} on 127.0.0.1:`);
  expect(out.join('\n')).toMatch(/^audit chain ok: \d+ events/m);
  expect(out.join('\n')).not.toContain('not-printed');
});
