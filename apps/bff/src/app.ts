import { API_PREFIX, BUILD_HEADER } from '@lifeboat/shared';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { OperationDeps } from './actions/operation-deps.ts';
import type { Inventory } from './inventory/inventory.ts';
import type { OpenDatabase } from './store/database.ts';
import { DomainError, NotFound } from './errors.ts';
import { readJsonBody, requireCsrfToken, requireSameOrigin, unlessApiToken } from './http/middleware/csrf.ts';
import { auditRefusals } from './http/middleware/audit-refusals.ts';
import { errorHandler } from './http/middleware/error-handler.ts';
import { LoginRateLimit } from './http/middleware/login-rate-limit.ts';
import { ssoRoutes } from './http/routes/sso.ts';
import type { SingleSignOn } from './auth/sso.ts';
import { everyRequest, stampRequestId } from './http/middleware/request-context.ts';
import { requirePublicHost } from './http/middleware/require-public-host.ts';
import { setSecurityHeaders } from './http/middleware/security-headers.ts';
import { requireSession } from './http/middleware/session.ts';
import { authRoutes } from './http/routes/auth.ts';
import { healthRoutes } from './http/routes/health.ts';
import { eventRoutes } from './http/routes/events.ts';
import { inventoryRoutes } from './http/routes/inventory.ts';
import { rpoHistoryRoutes } from './http/routes/rpo-history.ts';
import { apiTokenRoutes } from './http/routes/api-tokens.ts';
import { kioskLinkRoutes, kioskSignInRoutes } from './http/routes/kiosk-links.ts';
import { auditRoutes } from './http/routes/audit.ts';
import { isActionPath, operationRoutes } from './http/routes/operations.ts';
import { openApiDocument } from './http/openapi.ts';
import { createMetrics } from './actions/metrics.ts';
import { timeRequests } from './http/middleware/request-metrics.ts';
import { metricsRoutes, type MetricsAccess } from './http/routes/metrics.ts';
import { readBuildId, staticWeb } from './http/static-web.ts';

export interface AppDeps {
  database: OpenDatabase;
  inventory: Inventory;
  operations: OperationDeps;
  log: Logger;
  /** Folder of the built web app; null serves the API only. */
  webDir: string | null;
  /** The origin browsers use, when it is not what the request's Host says (a TLS proxy in front). */
  publicOrigin: string | null;
  /** Proxies whose X-Forwarded-For names the client. */
  trustedProxies: string[];
  /** Who may scrape GET /metrics. */
  metrics: MetricsAccess;
  /** How users sign in: local users' passwords (unless switched off), single sign-on (when set up). */
  signIn: { passwords: boolean; sso: SingleSignOn | null };
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);
/** What `app.use('/api', …)` would match: the API's paths, as Express matches them (any case). */
const API_PATH = /^\/api(?:\/|$)/i;

/** Builds the Express app without listening, so tests boot the real thing on port 0. */
export function createApp({
  database,
  inventory,
  operations,
  log,
  webDir,
  publicOrigin,
  trustedProxies,
  metrics: metricsAccess,
  signIn,
}: AppDeps) {
  const db = database.db;
  const app = express();
  app.disable('x-powered-by');
  // API answers are no-store and carry their own time, so none is ever revalidated: hashing each
  // for an ETag cost a twentieth of a list read. Static files set their own (static-web.ts).
  app.set('etag', false);
  app.set('query parser', 'simple');
  // Only configured proxies may say who the client is; anyone else's X-Forwarded-For is ignored.
  app.set('trust proxy', trustedProxies.length ? trustedProxies : false);

  const metrics = createMetrics({ inventory, db, eventClients: () => inventory.events.clients });
  // Every API answer names the web build served, so an open page (a wall display) can tell a newer
  // one was deployed.
  const buildId = webDir ? readBuildId(webDir) : null;
  app.use(
    everyRequest(
      stampRequestId,
      timeRequests(metrics),
      setSecurityHeaders,
      (req, res) => {
        if (buildId && API_PATH.test(req.path)) res.setHeader(BUILD_HEADER, buildId);
      },
      (req) => {
        if (!METHODS.has(req.method))
          throw new DomainError('method_not_allowed', `${req.method} is not allowed.`);
      },
    ),
  );
  healthRoutes(app, database);
  metricsRoutes(app, metrics, metricsAccess);
  app.use(requirePublicHost(publicOrigin));

  const api = express.Router();
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(readJsonBody);
  const sameOrigin = (allowAbsent: boolean) => requireSameOrigin(publicOrigin, allowAbsent);
  // Route modules add their routes to this router rather than mounting routers of their own:
  // each router a request passes through costs it about 1.5 KB of garbage (decision 020).
  authRoutes(
    api,
    db,
    log,
    new LoginRateLimit(db, 'password'),
    sameOrigin,
    operations.policy,
    signIn.passwords,
  );
  ssoRoutes(api, db, signIn.sso, signIn.passwords, publicOrigin);
  kioskSignInRoutes(api, db, new LoginRateLimit(db, 'kiosk'), sameOrigin, operations.policy);
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  api.use(requireSession(db, log), unlessApiToken(sameOrigin(false)), unlessApiToken(requireCsrfToken));
  inventoryRoutes(api, inventory, db);
  rpoHistoryRoutes(api, db);
  eventRoutes(api, inventory.events, db);
  operationRoutes(api, operations);
  auditRoutes(api, db);
  kioskLinkRoutes(api, db);
  apiTokenRoutes(api, db);
  api.use((req: Request) => {
    // An action is only ever POSTed: another method on its URL is refused as such.
    if (isActionPath(req.path))
      throw new DomainError('method_not_allowed', `${req.method} is not allowed here; actions are POSTed.`);
    throw new NotFound(`No such API endpoint: ${req.method} ${req.path}`);
  });
  app.use(API_PREFIX, api);
  app.use('/api', (req: Request) => {
    throw new NotFound(`No such API endpoint: ${req.method} ${req.originalUrl.split('?')[0]}`);
  });

  if (webDir) app.use(staticWeb(webDir));
  app.use((req: Request, _res: Response, _next: NextFunction) => {
    throw new NotFound(`Nothing at ${req.path}`);
  });
  app.use(auditRefusals(db));
  app.use(errorHandler(log));
  return app;
}
