import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Operation, Plan, Role, Source, SourceList, SourceStatus } from '@lifeboat/shared';
import { upstreamKinds, type SourceKind } from '@lifeboat/upstreams';
import { startSimulator, type ScaleName } from '@lifeboat/veeam-sim';
import type { ResolvedConfig, ResolvedSource } from '../src/config/load.ts';
import { startServer } from '../src/server.ts';
import { templateDataDir } from './template-db.ts';
import { newPostgresDatabase, postgresUrl } from './postgres.ts';

export const PASSWORD = 'correct horse battery staple';
export const USERS: { username: string; roles: Role[] }[] = [
  { username: 'viewer', roles: ['viewer'] },
  { username: 'operator', roles: ['operator'] },
  { username: 'operator2', roles: ['operator'] },
  { username: 'approver', roles: ['approver'] },
  { username: 'admin', roles: ['admin'] },
];

export type Sim = Awaited<ReturnType<typeof startSimulator>>;

export interface StackOptions {
  simulators?: number;
  /** The simulated world's size (small by default). */
  scale?: ScaleName;
  /** Enterprise Manager's own settings beyond the defaults (e.g. a short reconcile period). */
  emSettings?: Record<string, number>;
  /** Adds the first simulator's Orchestrator (`vro-sim`) and Service Provider Console (`vspc-sim`). */
  allKinds?: boolean;
  pollSeconds?: number;
  timeoutSeconds?: number;
  publicOrigin?: string;
  headersTimeoutSeconds?: number;
  timing?: ResolvedSource['timing'];
  /** A second person must approve every action. */
  requireApproval?: boolean;
  /** Shortened operation-following periods. */
  operationTiming?: ResolvedConfig['operationTiming'];
  /** RPO targets (the default: 60 minutes for every VM). */
  rpo?: ResolvedConfig['rpo'];
  /** A shortened least interval between RPO history samples. */
  rpoHistoryIntervalMs?: number;
  /** Passwords the BFF uses instead of the simulator's, by source id (e.g. a wrong one). */
  passwords?: Record<string, string>;
  /** Runs after the simulators started and before the BFF boots (e.g. to inject faults). */
  beforeBff?: (sims: Sim[]) => Promise<void>;
  /** The built web app the BFF serves (none by default). */
  webDir?: string;
  /** Single sign-on (none by default), and whether local users may sign in with passwords. */
  sso?: ResolvedConfig['sso'];
  passwordSignIn?: boolean;
  /** Who may scrape /metrics (this machine by default, as in the config). */
  metrics?: ResolvedConfig['metrics'];
}

/**
 * The real BFF on port 0 over a copy of the template database, with `simulators` simulated
 * Enterprise Managers as its sources (`em-sim`, `em-sim-2`, …).
 */
export async function startStack(opts: StackOptions = {}) {
  const sims = await Promise.all(
    Array.from({ length: opts.simulators ?? 1 }, (_, i) =>
      startSimulator({ seed: 42 + i, speed: 0, ...(opts.scale ? { scale: opts.scale } : {}) }),
    ),
  );
  await opts.beforeBff?.(sims);
  const dataDir = mkdtempSync(join(tmpdir(), 'lifeboat-bff-'));
  // In the bff-postgres project, a database of its own on the run's PostgreSQL; else embedded.
  const server = postgresUrl();
  const postgres = server ? await newPostgresDatabase(server) : null;
  if (!postgres) cpSync(templateDataDir, dataDir, { recursive: true });
  const source = (
    id: string,
    kind: SourceKind,
    name: string,
    api: { url: string; username: string; password: string },
  ): ResolvedSource => ({
    id,
    kind,
    name,
    enabled: true,
    ...api,
    ...(opts.passwords?.[id] !== undefined ? { password: opts.passwords[id] } : {}),
    pollSeconds: opts.pollSeconds ?? 30,
    timeoutSeconds: opts.timeoutSeconds ?? 5,
    maxResponseMegabytes: 8,
    ...upstreamKinds[kind].settings.parse(kind === 'enterprise-manager' ? (opts.emSettings ?? {}) : {}),
    ...(opts.timing ? { timing: opts.timing } : {}),
  });
  const sources: ResolvedSource[] = sims.map((sim, i) =>
    source(
      i === 0 ? 'em-sim' : `em-sim-${i + 1}`,
      'enterprise-manager',
      `Simulated Enterprise Manager ${i + 1}`,
      sim.enterpriseManager,
    ),
  );
  if (opts.allKinds) {
    sources.push(
      source('vro-sim', 'orchestrator', 'Simulated Orchestrator', sims[0]!.orchestrator),
      source(
        'vspc-sim',
        'service-provider-console',
        'Simulated Service Provider Console',
        sims[0]!.serviceProviderConsole,
      ),
    );
  }
  const config: ResolvedConfig = {
    listen: {
      host: '127.0.0.1',
      port: 0,
      trustedProxies: [],
      headersTimeoutSeconds: opts.headersTimeoutSeconds ?? 10,
      requestTimeoutSeconds: 60,
      ...(opts.publicOrigin ? { publicOrigin: opts.publicOrigin } : {}),
    },
    database: { url: postgres?.url ?? null, dataDir },
    sources,
    users: USERS.map((u) => ({ ...u, password: PASSWORD })),
    passwordSignIn: opts.passwordSignIn ?? true,
    sso: opts.sso ?? null,
    policy: { requireApproval: opts.requireApproval ?? false },
    metrics: opts.metrics ?? { allowFrom: ['127.0.0.1', '::1'], token: null },
    rpo: opts.rpo ?? { defaultTargetMinutes: 60 },
    ...(opts.operationTiming ? { operationTiming: opts.operationTiming } : {}),
    ...(opts.rpoHistoryIntervalMs ? { rpoHistoryIntervalMs: opts.rpoHistoryIntervalMs } : {}),
  };
  let bff = await startServer(config, opts.webDir ?? null);
  return {
    get url() {
      return bff.url;
    },
    /** The BFF's HTTP server (its request listener is the Express app). */
    get server() {
      return bff.server;
    },
    config,
    /** Stops the BFF and starts it again on the same database (the simulators keep running). */
    async restartBff() {
      await bff.stop();
      bff = await startServer(config, opts.webDir ?? null);
    },
    /**
     * The BFF's database, for openDatabase: open it only inside whileStopped, as PGlite has one user
     * (and on PostgreSQL the test then sees what the BFF left, not what it is doing).
     */
    database: config.database,
    /** Stops the BFF, runs `fn`, and starts the BFF again on the same database (a new port). */
    async whileStopped<T>(fn: () => Promise<T>): Promise<T> {
      await bff.stop();
      try {
        return await fn();
      } finally {
        bff = await startServer(config, opts.webDir ?? null);
      }
    },
    sims,
    /** The first simulator (source `em-sim`), when there is one. */
    sim: sims[0],
    async close() {
      await bff.stop();
      await Promise.all(sims.map((s) => s.close()));
      await postgres?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

/** The sources of an `allKinds` stack, by id. */
export const ALL_SOURCES = ['em-sim', 'vro-sim', 'vspc-sim'];

/** Every source polled each second with 2 s timeouts, so that failures and recoveries show in seconds. */
export const FAST_ALL_KINDS = { allKinds: true, pollSeconds: 1, timeoutSeconds: 2 } satisfies StackOptions;

/** `startStack`, signed in as `viewer`, with the first simulator's admin API. */
export async function startStackAsViewer(opts: StackOptions) {
  const stack = await startStack(opts);
  try {
    return { stack, viewer: await login(stack.url, 'viewer'), admin: simAdmin(stack.sim!) };
  } catch (err) {
    await stack.close();
    throw err;
  }
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

export async function login(url: string, username: string, password = PASSWORD): Promise<Session> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: url },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${username} answered ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  return { cookie, csrfToken };
}

/** GET an API path as a signed-in user; returns status and parsed JSON. */
export async function get<T = unknown>(
  url: string,
  path: string,
  s: Session,
): Promise<{ status: number; body: T; text: string }> {
  const res = await fetch(`${url}${path}`, { headers: { Cookie: s.cookie } });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, text };
}

/**
 * A same-origin JSON POST to `path` (under `url`), as our own page sends it: with the session's
 * cookie and CSRF token when given; returns the response, status, parsed JSON and text.
 */
export async function post<T = unknown>(
  url: string,
  path: string,
  body: unknown,
  s?: Session,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: url,
      ...(s ? { Cookie: s.cookie, 'X-CSRF-Token': s.csrfToken } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { res, status: res.status, body: (text ? JSON.parse(text) : null) as T, text };
}

/** GET /api/v1/sources, by source id. */
export async function sources(url: string, s: Session): Promise<Record<string, Source>> {
  const { body } = await get<SourceList>(url, '/api/v1/sources', s);
  return Object.fromEntries(body.items.map((x) => [x.id, x]));
}

/** The source answered its last poll and its data is not stale. */
export const fresh = (x: Source | SourceStatus | undefined) => x?.status === 'ok' && !x.stale;

/** Waits until every source of an `allKinds` stack is fresh, with data from `since` (ms) on. */
export async function waitAllFresh(url: string, s: Session, since = 0) {
  return waitFor(async () => {
    const all = await sources(url, s);
    return ALL_SOURCES.every((id) => fresh(all[id]) && Date.parse(all[id]!.asOf!) >= since) ? all : null;
  });
}

/** Polls `check` until it returns a truthy value (no fixed sleeps). */
export async function waitFor<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The simulator's three APIs, as its admin API names them. */
export type SimApi = 'enterpriseManager' | 'orchestrator' | 'serviceProviderConsole';

export type SimAdmin = ReturnType<typeof simAdmin>;

/** The simulator's admin API: faults, call counters and the world clock. */
export function simAdmin(sim: Sim) {
  const admin = sim.admin.url;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${admin}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  };
  return {
    fault: (api: SimApi, fault: Record<string, unknown>) => post('/admin/faults', { api, ...fault }),
    async clearFaults() {
      await fetch(`${admin}/admin/faults`, { method: 'DELETE' });
    },
    /** Calls per `METHOD /path-template`, for one API. */
    async calls(api: SimApi): Promise<Record<string, number>> {
      const all = (await (await fetch(`${admin}/admin/calls`)).json()) as Record<
        string,
        Record<string, number>
      >;
      return all[api] ?? {};
    },
    async resetCalls() {
      await fetch(`${admin}/admin/calls`, { method: 'DELETE' });
    },
    advanceClock: (advanceMs: number) => post('/admin/clock', { advanceMs }),
  };
}

/** The sum of the counts whose `METHOD /path` key starts with `prefix`. */
export function countOf(calls: Record<string, number>, prefix: string): number {
  return Object.entries(calls)
    .filter(([k]) => k.startsWith(prefix))
    .reduce((n, [, v]) => n + v, 0);
}

/**
 * Asks the BFF at `url` for a failover of `plan` as `operator` (the latest point, a new idempotency
 * key, `ticket` as the ticket): the HTTP status and the operation (or the error).
 */
export async function requestFailover(
  url: string,
  operator: Session,
  plan: Plan,
  ticket: string,
): Promise<{ status: number; body: Operation & { error?: { message: string } } }> {
  const res = await fetch(`${url}/api/v1/plans/${plan.id}/failover`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Cookie: operator.cookie,
      'X-CSRF-Token': operator.csrfToken,
      Origin: url,
      'Idempotency-Key': randomUUID(),
    },
    body: JSON.stringify({
      restorePoint: { latest: true },
      executeChainedPlans: false,
      reason: `DR test (${ticket})`,
      ticket,
      confirmPlanName: plan.name,
      password: PASSWORD,
    }),
  });
  return { status: res.status, body: (await res.json()) as never };
}
