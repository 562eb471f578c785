// `lifeboat COMMAND …`: an installation's chores from a shell. Exit status: 0 done, 1 a check that
// failed (an invalid config, a broken audit chain), 2 a command that could not run as asked.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { API_TOKEN_MAX_DAYS, CreateApiTokenRequest } from '@lifeboat/shared';
import { createApiToken } from './actions/create-api-token.ts';
import { parseHead, verifyDataDir, verifyPostgres } from './audit-verify.ts';
import { ConfigError, formatIssues, loadConfig, resolveConfig, type ResolvedConfig } from './config/load.ts';
import { UserConfig } from './config/schema.ts';
import { env } from './env.ts';
import { formatHead, type AuditVerification } from './store/audit.ts';
import { openDatabase, type OpenDatabase } from './store/database.ts';

export interface Io {
  print: (line: string) => void;
  printError: (line: string) => void;
}

/** The command could not run as asked: its message, and exit status 2. */
class UsageError extends Error {}

const CONFIG = { config: { type: 'string' } } as const;
const DAY_MS = 86_400_000;

interface Command {
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run: (values: Record<string, string | undefined>, io: Io) => Promise<number> | number;
}

const COMMANDS: Record<string, Command> = {
  'check-config': {
    usage: 'check-config [--config FILE]   (validates the config and reads every secret it names)',
    options: CONFIG,
    run: checkConfig,
  },
  migrate: {
    usage:
      'migrate [--config FILE]   (brings the database up to the current schema; an embedded one needs Lifeboat stopped)',
    options: CONFIG,
    run: migrateDatabase,
  },
  'verify-audit': {
    usage:
      'verify-audit [--config FILE | --data-dir DIR | --database-url URL] [--expect-head SEQ:HASH]   (recomputes the audit ' +
      "hash chain; SEQ:HASH is an 'audit chain head' from the log, to detect removed records)",
    options: {
      ...CONFIG,
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'expect-head': { type: 'string' },
    },
    run: verifyAudit,
  },
  'create-user': {
    usage:
      'create-user --username NAME --roles ROLE[,ROLE] [--config FILE]   (adds the user to the config ' +
      'with a new password in a file beside it; restart Lifeboat to sign in with it)',
    options: { ...CONFIG, username: { type: 'string' }, roles: { type: 'string' } },
    run: createUser,
  },
  'create-token': {
    usage:
      `create-token --name NAME --role ROLE [--days N] [--config FILE]   (an API token for a script, ` +
      `valid N days, 90 unless given, at most ${API_TOKEN_MAX_DAYS}; an embedded database needs Lifeboat stopped)`,
    options: { ...CONFIG, name: { type: 'string' }, role: { type: 'string' }, days: { type: 'string' } },
    run: createToken,
  },
};

const usage = () =>
  [
    'usage: lifeboat COMMAND [options]   (--config defaults to $LIFEBOAT_CONFIG)',
    ...Object.values(COMMANDS).map((c) => `  lifeboat ${c.usage}`),
  ].join('\n');

/** Runs one command line; resolves with the exit status. */
export async function runCli(args: string[], io: Io = { print: console.log, printError: console.error }) {
  const [name, ...rest] = args;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    io.printError(name === undefined ? usage() : `unknown command ${name}\n${usage()}`);
    return 2;
  }
  try {
    const { values } = parseArgs({ args: rest, options: command.options, strict: true });
    return await command.run(values as Record<string, string | undefined>, io);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.printError(`config not valid: ${err.message}`);
      return 1;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.printError(err instanceof UsageError ? message : `${message}\nusage: lifeboat ${command.usage}`);
    return 2;
  }
}

function configPath(values: Record<string, string | undefined>): string {
  const path = values.config ?? env.configPath;
  if (!path) throw new Error('no config: give --config FILE or set LIFEBOAT_CONFIG');
  return path;
}

function checkConfig(values: Record<string, string | undefined>, { print }: Io) {
  const path = configPath(values);
  const config = loadConfig(path);
  print(`config ok: ${resolve(path)}`);
  print(`  listen: ${config.listen.host}:${config.listen.port}`);
  print(`  database: ${describeDatabase(config)}`);
  for (const s of config.sources) print(`  source ${s.id}: ${s.kind} at ${s.url}, every ${s.pollSeconds} s`);
  for (const u of config.users) print(`  user ${u.username}: ${u.roles.join(', ')}`);
  return 0;
}

async function migrateDatabase(values: Record<string, string | undefined>, { print }: Io) {
  const config = loadConfig(configPath(values));
  await withDatabase(config, () => Promise.resolve());
  print(`database migrated: ${describeDatabase(config)} has the current schema`);
  return 0;
}

/** Exit 0 when the chain holds, 1 when it is broken, 2 when it could not be read. */
async function verifyAudit(values: Record<string, string | undefined>, { print, printError }: Io) {
  const given = [values.config, values['data-dir'], values['database-url']].filter((v) => v !== undefined);
  if (given.length > 1) throw new Error('give one of --config FILE, --data-dir DIR and --database-url URL');
  const expectHead = values['expect-head'] === undefined ? undefined : parseHead(values['expect-head']);
  if (expectHead === null)
    throw new Error('--expect-head takes SEQ:HASH, as an audit chain head line gives it');
  const configured = given.length === 0 || values.config ? loadConfig(configPath(values)).database : null;
  const url = values['database-url'] ?? configured?.url;
  let result: AuditVerification;
  try {
    result = url
      ? await verifyPostgres(url, expectHead)
      : await verifyDataDir(values['data-dir'] ?? configured!.dataDir, expectHead);
  } catch (err) {
    printError(`audit chain not verified: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  if (!result.ok) {
    print(`audit chain BROKEN at seq ${result.seq}: ${result.problem}`);
    return 1;
  }
  print(`audit chain ok: ${result.count} events${result.head ? `, head ${formatHead(result.head)}` : ''}`);
  return 0;
}

function createUser(values: Record<string, string | undefined>, { print }: Io) {
  const path = resolve(configPath(values));
  const user = UserConfig.safeParse({
    username: values.username,
    roles: values.roles?.split(',').map((r) => r.trim()),
    passwordFile: join('secrets', `${values.username ?? ''}.password`),
  });
  if (!user.success) throw new Error(`the user is not valid:\n${formatIssues(user.error)}`);
  const json = JSON.parse(readFileSync(path, 'utf8')) as { users?: { username?: string }[] };
  if (json.users?.some((u) => u.username === user.data.username))
    throw new UsageError(`${user.data.username} is already a user in ${path}`);
  const baseDir = dirname(path);
  const passwordFile = join(baseDir, user.data.passwordFile!);
  if (existsSync(passwordFile)) throw new UsageError(`${passwordFile} exists already: remove it first`);

  // 192 random bits, typed once into a password manager.
  const password = randomBytes(24).toString('base64url');
  mkdirSync(dirname(passwordFile), { recursive: true, mode: 0o700 });
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600, flag: 'wx' });
  const next = { ...json, users: [...(json.users ?? []), user.data] };
  // The whole config must still load before it replaces the old one.
  resolveConfig(next, baseDir);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
  print(`user ${user.data.username} (${user.data.roles.join(', ')}) added to ${path}`);
  print(`password, shown once (also in ${relative(process.cwd(), passwordFile)}): ${password}`);
  print('restart Lifeboat to sign in with it');
  return 0;
}

async function createToken(values: Record<string, string | undefined>, { print }: Io) {
  const days = values.days === undefined ? 90 : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > API_TOKEN_MAX_DAYS)
    throw new Error(`--days must be a whole number from 1 to ${API_TOKEN_MAX_DAYS}`);
  const request = CreateApiTokenRequest.safeParse({
    name: values.name,
    role: values.role,
    expiresAt: new Date(Date.now() + days * DAY_MS).toISOString(),
  });
  if (!request.success) throw new Error(`the token is not valid:\n${formatIssues(request.error)}`);
  const config = loadConfig(configPath(values));
  const created = await withDatabase(config, (database) =>
    createApiToken(database.db, request.data, {
      username: `cli: ${userInfo().username}`,
      roles: [],
      requestId: `cli-${process.pid}`,
    }),
  );
  print(`API token ${created.token.name} (role ${created.token.role}) expires ${created.token.expiresAt}`);
  print(`secret, shown once: ${created.secret}`);
  return 0;
}

/** Where the database is, without the password a PostgreSQL URL may hold. */
function describeDatabase({ database }: ResolvedConfig): string {
  if (!database.url) return `embedded, in ${database.dataDir}`;
  const url = new URL(database.url);
  return `PostgreSQL ${url.pathname.slice(1)} on ${url.host}`;
}

/**
 * Opens the database (migrating it) for one command. The embedded one has one user: a running
 * Lifeboat holds it open (its postmaster.pid), and two writers would corrupt it.
 */
async function withDatabase<T>(
  config: ResolvedConfig,
  fn: (database: OpenDatabase) => Promise<T>,
): Promise<T> {
  const { url, dataDir } = config.database;
  if (!url && existsSync(join(dataDir, 'postmaster.pid')))
    throw new UsageError(
      `the database in ${dataDir} is open: stop Lifeboat first (the embedded database has one user). ` +
        'If Lifeboat is not running (it was killed), start and stop it once to close the database.',
    );
  const database = await openDatabase(config.database);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

// Run only as the entry point (tests import runCli).
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href)
  process.exitCode = await runCli(process.argv.slice(2));
