import { existsSync, realpathSync } from 'node:fs';
import type { Server } from 'node:http';
import { createAppServer } from './http/app-server.ts';
import { admitPerTurn } from './http/admit-per-turn.ts';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import {
  onThisThread,
  startWorkerPool,
  upstreamKinds,
  type Connector,
  type OffThread,
} from '@lifeboat/upstreams';
import { createApp } from './app.ts';
import { SingleSignOn } from './auth/sso.ts';
import { anchorAuditHead } from './audit-anchor.ts';
import { ConfigError, loadConfig, type ResolvedConfig } from './config/load.ts';
import { env } from './env.ts';
import { OperationFollower } from './actions/follow-operations.ts';
import type { OperationDeps } from './actions/operation-deps.ts';
import { EventHub } from './inventory/event-hub.ts';
import { Inventory } from './inventory/inventory.ts';
import { RpoHistoryRecorder } from './inventory/rpo-history-recorder.ts';
import { SourcePoller } from './inventory/source-poller.ts';
import { deleteForgottenFailures } from './http/middleware/login-rate-limit.ts';
import { growHeapByPhase } from './heap-growth.ts';
import { createLogger } from './logger.ts';
import { defaultWebDir, upstreamWorkerFile } from './paths.ts';
import { Lease } from './store/coordination.ts';
import { openDatabase } from './store/database.ts';
import { deleteExpiredSessions, followEndedSessions } from './store/sessions.ts';
import { syncUsers } from './store/users.ts';

const log = createLogger();

export interface Running {
  url: string;
  /** The HTTP server; its request listener is the Express app. */
  server: Server;
  stop(): Promise<void>;
}

/**
 * Requests started in one turn of the event loop (decision 015): few, so a poll's next step never
 * waits behind more than a few handlers, and enough that a burst is served in a few turns.
 */
const REQUESTS_PER_TURN = 4;
/** Requests held for a later turn before new ones are refused with 503. */
const MAX_WAITING_REQUESTS = 10_000;

/** Boots the BFF from a resolved config: database, users, pollers, HTTP. */
export async function startServer(
  config: ResolvedConfig,
  webDir: string | null = defaultWebDir,
): Promise<Running> {
  const database = await openDatabase(config.database);
  const { coordination } = database;
  await syncUsers(database.db, config.users);
  await deleteExpiredSessions(database.db);
  await followEndedSessions(coordination);

  const events = new EventHub(database.db, log);
  await events.start(coordination);
  const rpoHistory = new RpoHistoryRecorder({
    db: database.db,
    log,
    ...(config.rpoHistoryIntervalMs ? { minIntervalMs: config.rpoHistoryIntervalMs } : {}),
  });
  const pollerEvents = rpoHistory.watch(events);
  const offThread = upstreamWorkers(config);
  const pollers = config.sources.map((s) => {
    const kind = upstreamKinds[s.kind];
    const connector: Connector = kind.create(
      {
        id: s.id,
        kind: s.kind,
        name: s.name ?? s.id,
        url: s.url,
        username: s.username,
        password: s.password,
        ...(s.ca ? { ca: s.ca } : {}),
        ...(s.tls && 'pinnedSha256' in s.tls ? { pinnedSha256: s.tls.pinnedSha256 } : {}),
        timeoutSeconds: s.timeoutSeconds,
        maxResponseBytes: Math.round(s.maxResponseMegabytes * 1024 * 1024),
        ...(s.timing ? { timing: s.timing } : {}),
      },
      // The kind's own settings, validated with the config; parsed again here for their type.
      kind.settings.parse(s) as never,
      offThread,
    );
    return new SourcePoller(
      connector,
      { pollSeconds: s.pollSeconds, enabled: s.enabled },
      {
        db: database.db,
        dbOnThisThread: database.onThisThread,
        log,
        events: pollerEvents,
        lease: new Lease(coordination, 'poll', s.id),
      },
    );
  });
  const inventory = new Inventory(pollers, events, config.rpo);
  await inventory.start();
  await rpoHistory.start(inventory);

  const operations: OperationDeps = {
    db: database.db,
    coordination,
    inventory,
    events,
    log,
    policy: config.policy,
  };
  const follower = new OperationFollower(operations, {
    intervalMs: 2_000,
    notStartedAfterMs: 30_000,
    ...config.operationTiming,
  });
  await follower.start();

  const app = createApp({
    database,
    inventory,
    operations,
    log,
    webDir,
    publicOrigin: config.listen.publicOrigin ?? null,
    trustedProxies: config.listen.trustedProxies,
    metrics: config.metrics,
    signIn: { passwords: config.passwordSignIn, sso: config.sso ? new SingleSignOn(config.sso) : null },
  });
  const purge = setInterval(() => {
    void deleteExpiredSessions(database.db).catch(() => undefined);
    void deleteForgottenFailures(database.db).catch(() => undefined);
  }, 15 * 60_000);
  purge.unref();
  const headersTimeout = config.listen.headersTimeoutSeconds * 1000;
  // Slow clients are cut off (SEC-32). Node enforces both only every `connectionsCheckingInterval`
  // (30 s by default), so it is checked often enough for the limits to mean what they say.
  const server = createAppServer(
    app,
    {
      headersTimeout,
      requestTimeout: config.listen.requestTimeoutSeconds * 1000,
      connectionsCheckingInterval: Math.min(1000, headersTimeout / 4),
    },
    admitPerTurn(app, REQUESTS_PER_TURN, MAX_WAITING_REQUESTS),
  ).listen(config.listen.port, config.listen.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host;
  const url = `http://${host}:${port}`;
  const anchor = anchorAuditHead(database.db, log);

  return {
    url,
    server,
    async stop() {
      // Event streams would hold the server open: tell them we are restarting and end them.
      const ended = events.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      clearInterval(purge);
      await follower.stop();
      await inventory.stop();
      await offThread.close();
      await rpoHistory.stop();
      await anchor.stop();
      await ended;
      await events.flush();
      await database.close();
    },
  };
}

/** The threads that read large upstream answers (decision 014). */
function upstreamWorkers(config: ResolvedConfig): OffThread {
  const cores = availableParallelism();
  // One fewer than the cores, but two on a machine of two: the parse is a large sync's longest
  // part, and the thread that serves requests is mostly idle while it runs (decision 014).
  const size = config.upstreamWorkers ?? Math.max(Math.min(2, cores), cores - 1);
  if (size === 0) return onThisThread;
  if (!existsSync(upstreamWorkerFile)) {
    log.warn(
      { file: upstreamWorkerFile },
      'the upstream worker is not built: upstream answers are read on the thread that serves requests',
    );
    return onThisThread;
  }
  log.info({ upstreamWorkers: size }, 'upstream answers are read on worker threads');
  return startWorkerPool(pathToFileURL(upstreamWorkerFile), size);
}

async function main() {
  growHeapByPhase();
  if (!env.configPath) {
    log.fatal(
      'LIFEBOAT_CONFIG is not set: point it at a config file (see README), or run `npm start` for the demo',
    );
    process.exit(2);
  }
  let running: Running;
  try {
    running = await startServer(loadConfig(env.configPath));
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Lifeboat cannot start: ${err.message}`);
      process.exit(2);
    }
    // Anything else (the database unreachable, the port taken): one line that says what, and the
    // details in the log.
    log.fatal({ err }, 'Lifeboat cannot start');
    console.error(`Lifeboat cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  log.info({ url: running.url }, 'listening');
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    void running.stop().then(() => {
      clearTimeout(force);
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

// Run only as the entry point (tests import startServer); symlinks and spaces in paths included.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) await main();
