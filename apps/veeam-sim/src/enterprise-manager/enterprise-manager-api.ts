// The Enterprise Manager REST API (XML) over the world: routing, the logon session check, and the
// answers. Paths and parameters follow Veeam's documentation; anything else gets Enterprise
// Manager's own Error body with a fitting status. Reads are views of the world at the request's
// moment; the plan actions record runs in the world's run log and answer with a Task.

import type { IncomingMessage } from 'node:http';
import type { ApiHandler, ApiResponse, RouteMatch } from '../fault-injection/api-handler.ts';
import type { World } from '../world/world.ts';
import { element, xmlDocument, xmlToString, type XmlElement } from '../xml/xml-writer.ts';
import { EmError, errorResponse, notFound, unauthorized, XML_CONTENT_TYPE } from './em-errors.ts';
import { formatParam, queryParam } from './em-params.ts';
import { EM_NAMESPACE, type EmContext } from './em-xml.ts';
import {
  createLogonSessions,
  sessionCookie,
  type LogonSession,
  type LogonSessions,
} from './logon-sessions.ts';
import { planAction, runPlanAction } from './plan-actions.ts';
import { queryResult } from './query/query-service.ts';
import { createResultSetCache, type ResultSetCache } from './query/result-set-cache.ts';
import { backupServers } from './resources/backup-servers.ts';
import { failoverPlans } from './resources/failover-plans.ts';
import { failoverSessions } from './resources/failover-sessions.ts';
import { enterpriseManagerRoot, logonSessionElement, SUPPORTED_VERSIONS } from './resources/logon-session.ts';
import { pointsOfReplica, replicaPoints } from './resources/replica-points.ts';
import { replicas } from './resources/replicas.ts';
import {
  entityElement,
  entityList,
  referenceElement,
  referenceList,
  type EmResource,
} from './resources/resource.ts';
import { createEmTasks, taskElement, taskList, type EmTasks } from './tasks.ts';

export interface EnterpriseManagerOptions {
  readonly world: World;
  readonly username: string;
  readonly password: string;
  /** Idle time after which a logon session expires, in minutes (fractions allowed for tests). */
  readonly idleMinutes: number;
}

interface RequestContext extends EmContext {
  readonly url: URL;
  readonly request: IncomingMessage;
  readonly sessions: LogonSessions;
  readonly tasks: EmTasks;
  readonly resultSets: ResultSetCache;
  readonly options: EnterpriseManagerOptions;
}

/** What a route behind the logon gets: also the caller's logon session. */
interface SessionContext extends RequestContext {
  readonly logonSession: LogonSession;
}

type Answer = ApiResponse | Promise<ApiResponse>;

interface RouteBase {
  readonly method: string;
  /** Path template, also the key calls are counted under. */
  readonly template: string;
}

/** Reachable without a logon session (the root and the logon itself), or only with one. */
type Route =
  | (RouteBase & { readonly open: true; handle(ctx: RequestContext, id: string): Answer })
  | (RouteBase & { readonly open?: false; handle(ctx: SessionContext, id: string): Answer });

export function createEnterpriseManagerApi(options: EnterpriseManagerOptions): ApiHandler {
  const sessions = createLogonSessions(options.idleMinutes * 60_000);
  const tasks = createEmTasks();
  const resultSets = createResultSetCache();
  return {
    route(request, url, base) {
      const path = normalizePath(url.pathname);
      const matches = ROUTES.flatMap((route) => {
        const id = matchTemplate(route.template, path);
        return id === null ? [] : [{ route, id }];
      });
      const method = request.method ?? 'GET';
      const found = matches.find(({ route }) => route.method === method);
      const template = found?.route.template ?? matches[0]?.route.template ?? '(unmatched)';
      const handle = async (): Promise<ApiResponse> => {
        const ctx: RequestContext = {
          base,
          world: options.world,
          now: options.world.clock.now(),
          url,
          request,
          sessions,
          tasks,
          resultSets,
          options,
        };
        try {
          if (found?.route.open) return await found.route.handle(ctx, found.id);
          const logonSession = sessions.authenticate(request);
          if (!logonSession) {
            throw unauthorized(
              'Authentication required: log on at /api/sessionMngr/ and send X-RestSvcSessionId',
            );
          }
          if (found) return await found.route.handle({ ...ctx, logonSession }, found.id);
          if (matches.length === 0) throw new EmError(404, `The resource ${url.pathname} was not found`);
          const allowed = matches.map(({ route }) => route.method).join(', ');
          throw new EmError(405, `Method ${method} is not allowed on ${template}`, { Allow: allowed });
        } catch (error) {
          if (error instanceof EmError) return errorResponse(error.status, error.message, error.headers);
          throw error;
        }
      };
      return { template, handle } satisfies RouteMatch;
    },
    errorResponse: (status, message) =>
      errorResponse(status, message, status === 401 ? { 'WWW-Authenticate': 'Basic Realm=RestSvc' } : {}),
    expireSessions: () => sessions.removeAll(),
  };
}

/** `/api` is the root `/api/`; `/api/sessionMngr` is `/api/sessionMngr/`; other trailing slashes go. */
function normalizePath(pathname: string): string {
  if (pathname === '/api' || pathname === '/api/') return '/api/';
  if (pathname === '/api/sessionMngr') return '/api/sessionMngr/';
  return pathname.length > 1 && pathname.endsWith('/') && pathname !== '/api/sessionMngr/'
    ? pathname.slice(0, -1)
    : pathname;
}

/** The `{id}` of a matching path ('' when the template has none), or null when it does not match. */
function matchTemplate(template: string, path: string): string | null {
  const [before, after = ''] = template.split('{id}');
  if (!template.includes('{id}')) return template === path ? '' : null;
  if (!path.startsWith(before as string) || !path.endsWith(after)) return null;
  const raw = path.slice((before as string).length, path.length - after.length);
  if (raw.length === 0 || raw.includes('/')) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a malformed escape is just an id that matches nothing
  }
}

function xml(status: number, root: XmlElement, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { 'Content-Type': XML_CONTENT_TYPE, ...headers }, body: xmlToString(root) };
}

/** Lists are streamed: a million references never become one string. */
function xmlStream(root: XmlElement): ApiResponse {
  return { status: 200, headers: { 'Content-Type': XML_CONTENT_TYPE }, body: xmlDocument(root) };
}

/** `format` on a single resource or collection: absent (references) or Entity. */
function wantsEntity(url: URL): boolean {
  const format = formatParam(url);
  if (format === undefined) return false;
  if (format === 'entity') return true;
  throw new EmError(400, `Unknown format "${queryParam(url, 'format')}": use format=Entity or no format`);
}

function resourceRoutes<T>(resource: EmResource<T>): Route[] {
  return [
    {
      method: 'GET',
      template: `/api${resource.path}`,
      handle: (ctx) =>
        xmlStream(
          wantsEntity(ctx.url)
            ? entityList(resource, resource.listed(ctx), ctx, true)
            : referenceList(resource, resource.listed(ctx), ctx),
        ),
    },
    {
      method: 'GET',
      template: `/api${resource.path}/{id}`,
      handle(ctx, id) {
        const entity = wantsEntity(ctx.url);
        const item = resource.find(id, ctx);
        if (item === undefined) throw notFound(`${resource.type} ${id}`);
        return xml(
          200,
          entity ? entityElement(resource, item, ctx, true) : referenceElement(resource, item, ctx, true),
        );
      },
    },
  ];
}

function logon(ctx: RequestContext): ApiResponse {
  const version = queryParam(ctx.url, 'v') ?? 'latest';
  if (version !== 'latest' && !(SUPPORTED_VERSIONS as readonly string[]).includes(version)) {
    throw new EmError(
      400,
      `API version "${version}" is not supported; supported: latest, ${SUPPORTED_VERSIONS.join(', ')}`,
    );
  }
  const credentials = basicCredentials(ctx.request);
  if (
    !credentials ||
    credentials.username !== ctx.options.username ||
    credentials.password !== ctx.options.password
  ) {
    throw unauthorized('Invalid user name or password');
  }
  const session = ctx.sessions.create(credentials.username);
  return xml(201, logonSessionElement(session, ctx, true), {
    'X-RestSvcSessionId': session.token,
    'Set-Cookie': sessionCookie(session.token),
  });
}

function basicCredentials(request: IncomingMessage): { username: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

const ROUTES: readonly Route[] = [
  { method: 'GET', template: '/api/', open: true, handle: (ctx) => xml(200, enterpriseManagerRoot(ctx)) },
  { method: 'POST', template: '/api/sessionMngr/', open: true, handle: logon },
  {
    method: 'GET',
    template: '/api/logonSessions',
    handle: (ctx) =>
      xml(
        200,
        element(
          'LogonSessions',
          { xmlns: EM_NAMESPACE },
          ctx.sessions.list().map((s) => logonSessionElement(s, ctx, false)),
        ),
      ),
  },
  {
    method: 'GET',
    template: '/api/logonSessions/{id}',
    handle(ctx, id) {
      const session = ctx.sessions.find(id);
      if (!session) throw notFound(`Logon session ${id}`);
      return xml(200, logonSessionElement(session, ctx, true));
    },
  },
  {
    method: 'DELETE',
    template: '/api/logonSessions/{id}',
    handle(ctx, id) {
      if (!ctx.sessions.remove(id)) throw notFound(`Logon session ${id}`);
      return { status: 204 };
    },
  },
  ...resourceRoutes(backupServers),
  ...resourceRoutes(failoverSessions),
  ...resourceRoutes(replicaPoints),
  ...resourceRoutes(replicas),
  {
    method: 'GET',
    template: '/api/cloud/replicas/{id}/vmReplicaPoints',
    handle(ctx, id) {
      const job = ctx.world.jobByReplicaUid(id);
      if (!job) throw notFound(`CloudReplica ${id}`);
      const points = pointsOfReplica(job.index, ctx);
      return xmlStream(
        wantsEntity(ctx.url)
          ? entityList(replicaPoints, points, ctx, true)
          : referenceList(replicaPoints, points, ctx),
      );
    },
  },
  ...resourceRoutes(failoverPlans),
  {
    method: 'POST',
    template: '/api/cloud/cloudFailoverPlans/{id}',
    async handle(ctx, id) {
      const plan = ctx.world.planByUid(id);
      if (!plan) throw notFound(`CloudFailoverPlan ${id}`);
      const action = planAction(queryParam(ctx.url, 'action'));
      const started = await runPlanAction(ctx.world, plan, action, ctx.request);
      const task = ctx.tasks.create(ctx.logonSession, {
        operation: started.operation,
        createdMs: started.startedMs,
        related: started.session,
      });
      return xml(202, taskElement(task, ctx, true));
    },
  },
  {
    method: 'GET',
    template: '/api/tasks',
    handle: (ctx) => xml(200, taskList(ctx.tasks.list(ctx.logonSession), ctx)),
  },
  {
    method: 'GET',
    template: '/api/tasks/{id}',
    handle(ctx, id) {
      const task = ctx.tasks.find(ctx.logonSession, id);
      if (!task) throw notFound(`Task ${id}`);
      return xml(200, taskElement(task, ctx, true));
    },
  },
  {
    method: 'DELETE',
    template: '/api/tasks/{id}',
    handle(ctx, id) {
      if (!ctx.tasks.remove(ctx.logonSession, id)) throw notFound(`Task ${id}`);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    template: '/api/query',
    handle: (ctx) => xmlStream(queryResult(ctx.url, ctx, ctx.resultSets, ctx.logonSession.sessionId)),
  },
];
