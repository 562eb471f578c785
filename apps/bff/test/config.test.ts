import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/load.ts';

function configFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-config-'));
  const path = join(dir, 'config.json');
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
    const secretFile = join(mkdtempSync(join(tmpdir(), 'lifeboat-secret-')), 'em');
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
    expect(errorOf({ ...base, users: [] })).toMatch(/at least one user/);
    delete process.env.LIFEBOAT_TEST_MISSING;
    expect(
      errorOf({ ...base, sources: [{ ...base.sources[0], passwordEnv: 'LIFEBOAT_TEST_MISSING' }] }),
    ).toMatch(/LIFEBOAT_TEST_MISSING is not set/);
  });

  it('allows plain http only to this machine (the simulator)', () => {
    process.env.LIFEBOAT_TEST_EM_PW = 'em-secret';
    process.env.LIFEBOAT_TEST_ALICE_PW = 'alice-secret';
    const c = loadConfig(
      configFile({ ...base, sources: [{ ...base.sources[0], url: 'http://127.0.0.1:9399/' }] }),
    );
    expect(c.sources[0]?.url).toBe('http://127.0.0.1:9399');
  });
});
