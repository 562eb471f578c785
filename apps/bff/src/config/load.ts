import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ResilienceTiming } from '@lifeboat/upstreams';
import type { FollowTiming } from '../actions/follow-operations.ts';
import type { MetricsAccess } from '../http/routes/metrics.ts';
import type { z } from 'zod';
import { env } from '../env.ts';
import { Config, type SourceConfig } from './schema.ts';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export type ResolvedSource = SourceConfig & {
  password: string;
  ca?: string;
  /** Shortened logon backoff and breaker periods; only tests set them. */
  timing?: Partial<ResilienceTiming>;
};
export interface ResolvedUser {
  username: string;
  password: string;
  roles: Config['users'][number]['roles'];
}
/** Single sign-on as configured, its client secret read. */
export type ResolvedSso = Omit<NonNullable<Config['sso']>, 'clientSecretEnv' | 'clientSecretFile'> & {
  clientSecret: string | null;
};
export interface ResolvedConfig extends Omit<Config, 'sources' | 'users' | 'metrics' | 'sso'> {
  sources: ResolvedSource[];
  users: ResolvedUser[];
  metrics: MetricsAccess;
  sso: ResolvedSso | null;
  /** Shortened operation-following periods; only tests set them. */
  operationTiming?: Partial<FollowTiming>;
  /** A shortened least interval between RPO history samples (a minute); only tests set it. */
  rpoHistoryIntervalMs?: number;
}

/** Reads, validates and resolves the config; every problem is listed in plain words. */
export function loadConfig(path: string): ResolvedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read the config file ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`the config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  return resolveConfig(json, dirname(resolve(path)));
}

export function resolveConfig(json: unknown, baseDir: string): ResolvedConfig {
  const parsed = Config.safeParse(json);
  if (!parsed.success) throw new ConfigError(`the config is not valid:\n${formatIssues(parsed.error)}`);
  const c = parsed.data;
  const problems: string[] = [];
  const secret = (where: string, ref: { passwordEnv?: string; passwordFile?: string }): string => {
    if (ref.passwordEnv) {
      const v = env.secret(ref.passwordEnv);
      if (!v) problems.push(`${where}: the environment variable ${ref.passwordEnv} is not set`);
      return v ?? '';
    }
    const file = resolve(baseDir, ref.passwordFile!);
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      problems.push(`${where}: cannot read the secret file ${file}`);
      return '';
    }
  };
  const sources = c.sources.map((s, i): ResolvedSource => {
    let ca: string | undefined;
    if (s.tls && 'caFile' in s.tls) {
      const file = resolve(baseDir, s.tls.caFile);
      try {
        ca = readFileSync(file, 'utf8');
      } catch {
        problems.push(`sources[${i}] (${s.id}): cannot read tls.caFile ${file}`);
      }
    }
    return { ...s, password: secret(`sources[${i}] (${s.id})`, s), ...(ca ? { ca } : {}) };
  });
  const users = c.users.map((u, i) => ({
    username: u.username,
    roles: u.roles,
    password: secret(`users[${i}] (${u.username})`, u),
  }));
  const { tokenEnv, tokenFile, allowFrom } = c.metrics;
  const metrics: MetricsAccess = {
    allowFrom,
    token: tokenEnv
      ? secret('metrics', { passwordEnv: tokenEnv })
      : tokenFile
        ? secret('metrics', { passwordFile: tokenFile })
        : null,
  };
  let sso: ResolvedSso | null = null;
  if (c.sso) {
    const { clientSecretEnv, clientSecretFile, ...rest } = c.sso;
    const clientSecret =
      clientSecretEnv || clientSecretFile
        ? secret('sso', { passwordEnv: clientSecretEnv, passwordFile: clientSecretFile })
        : null;
    sso = { ...rest, clientSecret };
  }
  if (problems.length)
    throw new ConfigError(`the config is not usable:\n${problems.map((p) => `  - ${p}`).join('\n')}`);

  // HOST, PORT and DATABASE_URL in the environment override the file.
  const listen = {
    ...c.listen,
    host: env.host ?? c.listen.host,
    port: env.port !== undefined ? Number(env.port) : c.listen.port,
  };
  if (!Number.isInteger(listen.port) || listen.port < 0 || listen.port > 65535) {
    throw new ConfigError(`PORT must be a port number, got ${JSON.stringify(env.port)}`);
  }
  const database = { url: env.databaseUrl ?? c.database.url, dataDir: resolve(baseDir, c.database.dataDir) };
  if (database.url !== null && !/^postgres(ql)?:\/\/[^\s]+$/.test(database.url)) {
    throw new ConfigError(
      'database.url / DATABASE_URL must be a PostgreSQL URL: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE',
    );
  }
  return { ...c, listen, database, sources, users, metrics, sso };
}

export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map(
      (i) =>
        `  - ${
          i.path.length
            ? i.path
                .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
                .join('')
                .replace(/^\./, '')
            : '(top level)'
        }: ${i.message}`,
    )
    .join('\n');
}
