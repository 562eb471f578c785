// The `lifeboat` command, as an operator runs it against a config file: check the config, migrate
// the database, add a user (who can then sign in), make an API token (which a script can then use),
// verify the audit trail; each refusal with a clear message and exit status.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.ts';
import { loadConfig } from '../src/config/load.ts';
import { startServer, type Running } from '../src/server.ts';
import { templateDataDir } from './template-db.ts';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
let dir: string;
let configFile: string;

/** Runs `lifeboat ARGS` in this process: its exit status and what it printed. */
async function lifeboat(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { print: (l) => out.push(l), printError: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** `lifeboat create-token --config FILE ARGS`. */
const createToken = (...args: string[]) => lifeboat('create-token', '--config', configFile, ...args);

/** Starts the BFF from the config file, as `LIFEBOAT_CONFIG=… node server.js` would. */
const start = (): Promise<Running> => startServer(loadConfig(configFile), null);

async function signIn(url: string, username: string, password: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: url },
    body: JSON.stringify({ username, password }),
  });
  return res.status;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lifeboat-cli-'));
  cpSync(templateDataDir, join(dir, 'data'), { recursive: true });
  writeFileSync(join(dir, 'admin.password'), 'first admin password\n', { mode: 0o600 });
  configFile = join(dir, 'lifeboat.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      listen: { port: 0 },
      database: { dataDir: 'data' },
      sources: [],
      users: [{ username: 'admin', passwordFile: 'admin.password', roles: ['admin'] }],
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lifeboat', () => {
  it('check-config says what the config holds, or every problem with where it is', async () => {
    const ok = await lifeboat('check-config', '--config', configFile);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('config ok:');
    expect(ok.out).toContain(`database: embedded, in ${join(dir, 'data')}`);
    expect(ok.out).toContain('user admin: admin');

    const broken = join(dir, 'broken.json');
    writeFileSync(
      broken,
      JSON.stringify({ sources: [], users: [{ username: 'x', passwordFile: 'nowhere', roles: ['root'] }] }),
    );
    const bad = await lifeboat('check-config', '--config', broken);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^config not valid: /);
    expect(bad.err).toContain('users[0].roles[0]: Invalid option');

    const none = await lifeboat('check-config', '--config', join(dir, 'missing.json'));
    expect([none.code, none.err]).toEqual([1, expect.stringMatching(/cannot read the config file/)]);
  });

  it('refuses an unknown command or option with the usage', async () => {
    const unknown = await lifeboat('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^unknown command frobnicate\nusage: lifeboat COMMAND/);
    const option = await lifeboat('migrate', '--cofnig', configFile);
    expect(option.code).toBe(2);
    expect(option.err).toMatch(/--cofnig[\s\S]*usage: lifeboat migrate/);
  });

  it('migrate brings the database to the current schema', async () => {
    const r = await lifeboat('migrate', '--config', configFile);
    expect([r.code, r.out], r.err).toEqual([
      0,
      `database migrated: embedded, in ${join(dir, 'data')} has the current schema`,
    ]);
  });

  it('create-user adds a user with a password file only its owner reads; after a restart they sign in', async () => {
    const r = await lifeboat(
      'create-user',
      '--config',
      configFile,
      '--username',
      'dana',
      '--roles',
      'operator,approver',
    );
    expect(r.code, r.err).toBe(0);
    const password = /password, shown once .*: (\S+)$/m.exec(r.out)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const file = join(dir, 'secrets', 'dana.password');
    expect(readFileSync(file, 'utf8').trim()).toBe(password);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as { users: unknown[] };
    expect(config.users).toContainEqual({
      username: 'dana',
      roles: ['operator', 'approver'],
      passwordFile: join('secrets', 'dana.password'),
    });

    const again = await lifeboat(
      'create-user',
      '--config',
      configFile,
      '--username',
      'dana',
      '--roles',
      'viewer',
    );
    expect([again.code, again.err]).toEqual([2, `dana is already a user in ${configFile}`]);
    const badRole = await lifeboat(
      'create-user',
      '--config',
      configFile,
      '--username',
      'eve',
      '--roles',
      'root',
    );
    expect(badRole.code).toBe(2);
    expect(badRole.err).toMatch(/roles\[0\]: Invalid option/);

    const bff = await start();
    try {
      expect(await signIn(bff.url, 'dana', password!)).toBe(200);
      expect(await signIn(bff.url, 'dana', 'wrong')).toBe(401);
    } finally {
      await bff.stop();
    }
  });

  it('create-token makes an API token with Lifeboat stopped, and refuses while it runs', async () => {
    const bff = await start();
    try {
      const refused = await createToken('--name', 'backup report', '--role', 'viewer');
      expect(refused.code).toBe(2);
      expect(refused.err).toMatch(/is open: stop Lifeboat first/);
    } finally {
      await bff.stop();
    }

    const bad = await createToken('--name', 'x', '--role', 'viewer', '--days', '400');
    expect([bad.code, bad.err.split('\n')[0]]).toEqual([2, '--days must be a whole number from 1 to 366']);

    const r = await createToken('--name', 'backup report', '--role', 'viewer', '--days', '7');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^API token backup report \(role viewer\) expires 20\d\d-/);
    const secret = /secret, shown once: (\S+)$/m.exec(r.out)?.[1];

    const again = await start();
    try {
      const plans = await fetch(`${again.url}/api/v1/plans`, {
        headers: { Authorization: `Bearer ${secret}` },
      });
      expect(plans.status).toBe(200);
    } finally {
      await again.stop();
    }
  });

  it('verify-audit checks the chain of the configured database, creations by the command included', async () => {
    const r = await lifeboat('verify-audit', '--config', configFile);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^audit chain ok: \d+ events, head \d+:[0-9a-f]{64}$/);
  });

  it('runs as a built command: the exit status and the usage', () => {
    const ok = spawnSync(process.execPath, [CLI, 'check-config'], {
      env: { ...process.env, LIFEBOAT_CONFIG: configFile },
      encoding: 'utf8',
    });
    expect([ok.status, ok.stdout.split('\n')[0]], ok.stderr).toEqual([0, `config ok: ${configFile}`]);
    const none = spawnSync(process.execPath, [CLI], { encoding: 'utf8' });
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^usage: lifeboat COMMAND/);
  });
});
