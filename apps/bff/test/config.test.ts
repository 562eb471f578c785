import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/load.ts';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function configFile(content: unknown): string {
  const path = join(dir, `config-${++files}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const base = {
  sources: [
    {
      id: 'em-hq',
      kind: 'enterprise-manager',
      url: 'https://em.example:9398',
      username: 'svc',
      passwordEnv: 'LIFEBOAT_TEST_EM_PW',
    },
  ],
  users: [{ username: 'alice', passwordEnv: 'LIFEBOAT_TEST_ALICE_PW', roles: ['viewer'] }],
};

function errorOf(content: unknown): string {
  try {
    loadConfig(configFile(content));
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a config error');
}

describe('the config file', () => {
  it('resolves secrets from the environment and files, never from the file', () => {
    process.env.LIFEBOAT_TEST_EM_PW = 'em-secret';
    process.env.LIFEBOAT_TEST_ALICE_PW = 'alice-secret';
    const c = loadConfig(configFile(base));
    expect(c.sources[0]).toMatchObject({
      id: 'em-hq',
      url: 'https://em.example:9398',
      password: 'em-secret',
      pollSeconds: 30,
    });
    expect(c.users[0]).toMatchObject({ username: 'alice', password: 'alice-secret' });
    const secretFile = join(dir, 'em-secret');
    writeFileSync(secretFile, 'from-a-file\n');
    const fromFile = loadConfig(
      configFile({
        ...base,
        sources: [{ ...base.sources[0], passwordEnv: undefined, passwordFile: secretFile }],
      }),
    );
    expect(fromFile.sources[0]?.password).toBe('from-a-file');
    expect(() =>
      loadConfig(configFile({ ...base, users: [{ ...base.users[0], password: 'inline' }] })),
    ).toThrow(/users\[0\].*"password"/s);
  });

  it('takes PostgreSQL from database.url, and refuses what is not a PostgreSQL URL', () => {
    process.env.LIFEBOAT_TEST_EM_PW = 'em-secret';
    process.env.LIFEBOAT_TEST_ALICE_PW = 'alice-secret';
    expect(loadConfig(configFile(base)).database.url).toBeNull();
    const url = 'postgres://lifeboat@db.example:5432/lifeboat';
    expect(loadConfig(configFile({ ...base, database: { url } })).database.url).toBe(url);
    expect(errorOf({ ...base, database: { url: 'mysql://db.example/lifeboat' } })).toMatch(
      /database.url \/ DATABASE_URL must be a PostgreSQL URL/,
    );
  });

  it('explains each problem with where it is', () => {
    expect(errorOf('{ not json')).toMatch(/not valid JSON/);
    expect(errorOf({ ...base, sources: [{ ...base.sources[0], url: 'http://169.254.169.254' }] })).toMatch(
      /sources\[0\]\.url: must be an https:\/\/ URL/,
    );
    expect(errorOf({ ...base, sources: [{ ...base.sources[0], url: 'file:///etc/passwd' }] })).toMatch(
      /sources\[0\]\.url/,
    );
    expect(errorOf({ ...base, sources: [{ ...base.sources[0], url: 'https://em.example/api' }] })).toMatch(
      /without a path/,
    );
    expect(errorOf({ ...base, sources: [{ ...base.sources[0], kind: 'tape-library' }] })).toMatch(
      /sources\[0\]\.kind/,
    );
    expect(errorOf({ ...base, users: [] })).toMatch(/someone must be able to sign in/);
    expect(errorOf({ ...base, listen: { trustedProxies: ['10.0.0.0/8', 'not-an-address'] } })).toMatch(
      /listen\.trustedProxies\[1\]/,
    );
    delete process.env.LIFEBOAT_TEST_MISSING;
    expect(
      errorOf({ ...base, sources: [{ ...base.sources[0], passwordEnv: 'LIFEBOAT_TEST_MISSING' }] }),
    ).toMatch(/LIFEBOAT_TEST_MISSING is not set/);
  });

  it("takes each kind's own settings, and refuses another kind's or a wrong value with where it is", () => {
    process.env.LIFEBOAT_TEST_EM_PW = 'em-secret';
    process.env.LIFEBOAT_TEST_ALICE_PW = 'alice-secret';
    const em = base.sources[0]!;
    const c = loadConfig(
      configFile({
        ...base,
        sources: [
          { ...em, pageSize: 200 },
          { ...em, id: 'vro', kind: 'orchestrator', apiGeneration: 'v2' },
          { ...em, id: 'vspc', kind: 'service-provider-console', enabled: false },
        ],
      }),
    );
    expect(c.sources.map((s) => [s.id, s.kind, s.enabled])).toEqual([
      ['em-hq', 'enterprise-manager', true],
      ['vro', 'orchestrator', true],
      ['vspc', 'service-provider-console', false],
    ]);
    expect(c.sources[0]).toMatchObject({ pageSize: 200 });
    expect(c.sources[1]).toMatchObject({ apiGeneration: 'v2' });
    expect(c.sources[2]).toMatchObject({ pageSize: 500 });
    expect(errorOf({ ...base, sources: [{ ...em, kind: 'orchestrator', apiGeneration: 'v9' }] })).toMatch(
      /sources\[0\]\.apiGeneration/,
    );
    expect(errorOf({ ...base, sources: [{ ...em, apiGeneration: 'v2' }] })).toMatch(/apiGeneration/);
    expect(
      errorOf({ ...base, sources: [{ ...em, kind: 'service-provider-console', pageSize: 5000 }] }),
    ).toMatch(/sources\[0\]\.pageSize/);
  });

  it('trusts a self-signed upstream through a CA file or a pinned fingerprint, never both, never a malformed pin', () => {
    process.env.LIFEBOAT_TEST_EM_PW = 'em-secret';
    process.env.LIFEBOAT_TEST_ALICE_PW = 'alice-secret';
    const em = base.sources[0]!;
    const pin = 'AB:'.repeat(31) + 'AB';
    const c = loadConfig(configFile({ ...base, sources: [{ ...em, tls: { pinnedSha256: pin } }] }));
    expect(c.sources[0]?.tls).toEqual({ pinnedSha256: pin });
    expect(errorOf({ ...base, sources: [{ ...em, tls: { pinnedSha256: 'abc' } }] })).toMatch(
      /sources\[0\]\.tls/,
    );
    expect(errorOf({ ...base, sources: [{ ...em, tls: { caFile: 'x.pem', pinnedSha256: pin } }] })).toMatch(
      /sources\[0\]\.tls/,
    );
  });

  it('allows plain http only to this machine (the simulator)', () => {
    process.env.LIFEBOAT_TEST_EM_PW = 'em-secret';
    process.env.LIFEBOAT_TEST_ALICE_PW = 'alice-secret';
    const c = loadConfig(
      configFile({ ...base, sources: [{ ...base.sources[0], url: 'http://127.0.0.1:9399/' }] }),
    );
    expect(c.sources[0]?.url).toBe('http://127.0.0.1:9399');
  });

  it('takes RPO targets per tenant, job and VM, defaulting to 60 minutes, and names a wrong one with where it is', () => {
    process.env.LIFEBOAT_TEST_EM_PW = 'em-secret';
    process.env.LIFEBOAT_TEST_ALICE_PW = 'alice-secret';
    expect(loadConfig(configFile(base)).rpo).toEqual({ defaultTargetMinutes: 60 });
    const rpo = {
      defaultTargetMinutes: 90,
      tenants: { Acme: 240 },
      jobs: { 'Acme SQL': 15 },
      vms: { dc01: 30 },
      tenantVms: { Acme: { dc01: 5 } },
    };
    expect(loadConfig(configFile({ ...base, rpo })).rpo).toEqual(rpo);
    expect(errorOf({ ...base, rpo: { tenants: { Acme: 0 } } })).toMatch(
      /rpo\.tenants\.Acme: must be more than 0 minutes/,
    );
    expect(errorOf({ ...base, rpo: { jobs: { 'Acme SQL': '15' } } })).toMatch(
      /rpo\.jobs\.Acme SQL: must be a number of minutes/,
    );
    expect(errorOf({ ...base, rpo: { tenantVms: { Acme: { dc01: 600_000 } } } })).toMatch(
      /rpo\.tenantVms\.Acme\.dc01: must be at most 525600 minutes/,
    );
    expect(errorOf({ ...base, rpo: { vms: { '': 5 } } })).toMatch(
      /rpo\.vms: each key must be a VM name \(1 to 512 characters\)/,
    );
    expect(errorOf({ ...base, rpo: { vm: { dc01: 5 } } })).toMatch(/rpo: Unrecognized key: "vm"/);
  });
});
