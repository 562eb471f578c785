// Lifeboat on PostgreSQL (bff-postgres project only): instances starting together on one new
// database migrate it once between them and all serve from it (decision 017); the `lifeboat`
// command works on it while Lifeboat runs, with no password in what it prints; an API token's
// use is recorded once a minute in all, whichever instance saw it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent, CreatedApiToken, ListEnvelope } from '@lifeboat/shared';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli.ts';
import type { ResolvedConfig } from '../src/config/load.ts';
import { startServer, type Running } from '../src/server.ts';
import { get, login, PASSWORD, post, waitFor } from './harness.ts';
import { startBff } from './processes.ts';
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
afterEach(() => {
  vi.useRealTimers();
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
  passwordSignIn: true,
  sso: null,
  policy: { requireApproval: false },
  metrics: { allowFrom: ['127.0.0.1'], token: null },
  rpo: { defaultTargetMinutes: 60 },
});

// (They share one process, so one session cache: scale-out.test.ts checks sign-outs across processes.)
it('of three instances started together on a new database, one migrates it; all three serve, with one sign-in', async () => {
  const serving = await Promise.all([1, 2, 3].map(() => startServer(config(), null)));
  running.push(...serving);
  const migrations = await withPostgres(url, (c) =>
    c.query<{ n: string; distinct: string }>(
      'select count(*) as n, count(distinct hash) as distinct from drizzle.__drizzle_migrations',
    ),
  );
  expect(Number(migrations.rows[0]!.n)).toBeGreaterThan(0);
  expect(migrations.rows[0]!.n).toBe(migrations.rows[0]!.distinct);

  const session = await login(serving[0]!.url, 'admin');
  for (const r of serving) {
    expect((await fetch(`${r.url}/readyz`)).status).toBe(200);
    const me = await fetch(`${r.url}/api/v1/auth/me`, { headers: { Cookie: session.cookie } });
    expect(me.status).toBe(200);
  }
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

it('refuses to start in one plain line, without its password, when the database cannot be reached', async () => {
  const file = join(dir, 'unreachable.json');
  writeFileSync(
    file,
    JSON.stringify({
      listen: { host: '127.0.0.1', port: 0 },
      // Port 1 on this machine: nothing listens there.
      database: { url: 'postgres://lifeboat:not-printed@127.0.0.1:1/lifeboat' },
      sources: [],
      users: [{ username: 'admin', passwordEnv: 'LIFEBOAT_TEST_PG_ADMIN', roles: ['admin'] }],
    }),
  );
  const failed = await startBff(file, { LIFEBOAT_TEST_PG_ADMIN: PASSWORD }).then(
    () => null,
    (err: unknown) => String(err),
  );
  expect(failed).toMatch(/exited \(1\) before listening/);
  expect(failed).toMatch(/^Lifeboat cannot start: connect ECONNREFUSED 127\.0\.0\.1:1$/m);
  expect(failed).not.toContain('not-printed');
});

it("records an API token's use once a minute in all, not once a minute per instance", async () => {
  const bff = await startServer(config(), null);
  running.push(bff);
  const admin = await login(bff.url, 'admin');
  const created = await post<CreatedApiToken>(
    bff.url,
    '/api/v1/api-tokens',
    { name: 'Across instances', role: 'viewer', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    admin,
  );
  expect(created.status, created.text).toBe(201);
  const { secret, token } = created.body;
  const use = async (path: string) => {
    const res = await fetch(`${bff.url}/api/v1${path}`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(res.status).toBe(200);
  };
  const recordedPaths = async () =>
    (
      await get<ListEnvelope<AuditEvent>>(bff.url, '/api/v1/audit?q=api_token.use&limit=500', admin)
    ).body.items
      .filter((e) => e.target === token.id)
      .map((e) => e.params?.path)
      .reverse();

  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
  const t0 = Date.now();
  await use('/plans');
  await waitFor(async () => (await recordedPaths()).length === 1);
  // Another instance, whose clock of the token's last use is its own, recorded a use a minute later.
  await withPostgres(url, (c) =>
    c.query('update api_tokens set last_used_at = $1 where id = $2', [new Date(t0 + 61_000), token.id]),
  );
  // A minute after this instance's last record, but within the minute of the other's: not recorded.
  vi.setSystemTime(t0 + 62_000);
  await use('/sources');
  // A minute after the other's: recorded.
  vi.setSystemTime(t0 + 125_000);
  await use('/overview');
  await waitFor(async () => (await recordedPaths()).length >= 2);
  expect(await recordedPaths()).toEqual(['/api/v1/plans', '/api/v1/overview']);
});
