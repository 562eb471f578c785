// The Service Provider Console REST API v3 (JSON) over the world: routing, the bearer token check and
// the answers. Paths follow Veeam's documentation (docs/veeam-api.md §3); anything else gets the
// console's own error body with a fitting status.

import type { IncomingMessage } from 'node:http';
import type { ApiHandler, ApiResponse, RouteMatch } from '../fault-injection/api-handler.ts';
import { normalizeGuid } from '../world/guid.ts';
import type { BackupServer, ReplicationJob } from '../world/types.ts';
import type { World } from '../world/world.ts';
import { collectionPage, parseCollectionQuery, queryNeedsEmbedded } from './collection-query.ts';
import { deriveInfrastructure } from './derived-infrastructure.ts';
import { jobVmsAt } from './job-sessions.ts';
import { replicationVmJob } from './replication-vm-jobs.ts';
import { tokenRequest, type Credentials } from './token-endpoint.ts';
import { createTokenStore, type TokenStore } from './token-store.ts';
import { vmJobObject } from './vm-job-objects.ts';
import type { VspcContext } from './vspc-context.ts';
import {
  badParameter,
  errorResponseForStatus,
  notFound,
  unauthorized,
  VspcError,
  vspcErrorResponse,
} from './vspc-errors.ts';
import { itemBody, jsonResponse, type JsonObject } from './vspc-json.ts';

export interface ServiceProviderConsoleOptions extends Credentials {
  readonly world: World;
  /** Access token lifetime in real minutes (default 60; fractions allowed for tests). */
  readonly accessMinutes?: number;
}

export const DEFAULT_ACCESS_MINUTES = 60;
/** Refresh tokens live as long as the console allows at most (Veeam KB3170: up to 48 hours). */
const REFRESH_TOKEN_MS = 48 * 3_600_000;
const BACKUP_SERVER_JOB = 'BackupServerJob';

interface RequestContext extends VspcContext {
  readonly url: URL;
  readonly request: IncomingMessage;
  readonly tokens: TokenStore;
  readonly credentials: Credentials;
  /** A job by its GUID, as the world names it now (the map holds indices, so names follow the world). */
  jobByUid(uid: string): ReplicationJob | undefined;
}

interface Route {
  readonly method: string;
  /** Path template with {name} parameters, also the key calls are counted under. */
  readonly template: string;
  /** Reachable without a bearer token. */
  readonly open?: boolean;
  handle(ctx: RequestContext, params: Readonly<Record<string, string>>): ApiResponse | Promise<ApiResponse>;
}

export function createServiceProviderConsoleApi(options: ServiceProviderConsoleOptions): ApiHandler {
  const accessMinutes = options.accessMinutes ?? DEFAULT_ACCESS_MINUTES;
  if (!(accessMinutes > 0)) throw new RangeError(`accessMinutes must be > 0, got ${accessMinutes}`);
  const tokens = createTokenStore({ accessMs: accessMinutes * 60_000, refreshMs: REFRESH_TOKEN_MS });
  const infra = deriveInfrastructure(options.world);
  const jobIndices = new Map(options.world.jobs.map((job) => [job.uid, job.index]));
  const credentials: Credentials = { username: options.username, password: options.password };
  return {
    route(request, url) {
      const segments = pathSegments(url.pathname);
      const matches = ROUTES.flatMap((route) => {
        const params = matchTemplate(route.template, segments);
        return params ? [{ route, params }] : [];
      });
      const method = request.method ?? 'GET';
      const found = matches.find(({ route }) => route.method === method);
      const template = found?.route.template ?? matches[0]?.route.template ?? '(unmatched)';
      const handle = async (): Promise<ApiResponse> => {
        const world = options.world;
        const ctx: RequestContext = {
          world,
          infra,
          now: world.clock.now(),
          url,
          request,
          tokens,
          credentials,
          jobByUid: (uid) => {
            const index = jobIndices.get(uid);
            return index === undefined ? undefined : world.jobs[index];
          },
        };
        try {
          if (!found) {
            if (matches.length === 0) throw notFound(`The resource ${url.pathname} was not found.`);
            const allowed = matches.map(({ route }) => route.method).join(', ');
            throw new VspcError(
              405,
              `Method ${method} is not allowed on ${template}.`,
              'logical',
              undefined,
              { Allow: allowed },
            );
          }
          if (!found.route.open) authenticate(request, tokens);
          return await found.route.handle(ctx, found.params);
        } catch (error) {
          if (error instanceof VspcError) return vspcErrorResponse(error);
          throw error;
        }
      };
      return { template, handle } satisfies RouteMatch;
    },
    // A third argument carries a 429's retryAfter when the fault injector passes one.
    errorResponse: (status: number, message: string, retryAfterSeconds?: number) =>
      errorResponseForStatus(status, message, retryAfterSeconds),
    expireSessions: () => tokens.clear(),
  };
}

function authenticate(request: IncomingMessage, tokens: TokenStore): void {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!match)
    throw unauthorized(
      'Authorization has been denied for this request: send Authorization: Bearer <access token>.',
    );
  if (tokens.authenticate(match[1] as string) === undefined)
    throw unauthorized('The access token is invalid or has expired.');
}

const API = '/api/v3';
const ALL_JOBS = `${API}/infrastructure/backupServers/jobs/replicationVmJobs`;
const SERVER_JOBS = `${API}/infrastructure/backupServers/{backupServerUid}/jobs/replicationVmJobs`;

const ROUTES: readonly Route[] = [
  {
    method: 'POST',
    template: `${API}/token`,
    open: true,
    handle: (ctx) => tokenRequest(ctx.request, ctx.tokens, ctx.credentials),
  },
  { method: 'GET', template: ALL_JOBS, handle: (ctx) => jobCollection(ctx, ctx.world.jobs) },
  {
    method: 'GET',
    template: `${ALL_JOBS}/{jobUid}`,
    handle(ctx, params) {
      const uid = guidParam(params, 'jobUid');
      const job = ctx.jobByUid(uid);
      if (!job) throw notFound(`Replication job with UID ${uid} was not found.`);
      return jsonResponse(200, itemBody(replicationVmJob(job, ctx, false)));
    },
  },
  {
    method: 'GET',
    template: SERVER_JOBS,
    handle: (ctx, params) => {
      const server = backupServer(ctx, params);
      return jobCollection(
        ctx,
        ctx.world.jobs.filter((job) => job.backupServer === server.index),
      );
    },
  },
  {
    method: 'GET',
    template: `${SERVER_JOBS}/objects`,
    handle(ctx, params) {
      const server = backupServer(ctx, params);
      const query = parseCollectionQuery(ctx.url, []);
      const objects = ctx.world.jobs
        .filter((job) => job.backupServer === server.index)
        .flatMap((job) => jobVmsAt(job, ctx.world.vms, ctx.now).map((vm) => vmJobObject(job, vm, ctx)));
      return jsonResponse(200, collectionPage(objects, query));
    },
  },
];

function jobCollection(ctx: RequestContext, jobs: readonly ReplicationJob[]): ApiResponse {
  const query = parseCollectionQuery(ctx.url, [BACKUP_SERVER_JOB]);
  const expand = query.expand.has(BACKUP_SERVER_JOB);
  // The embedded job is the costly part: built for every job only when filter or sort look into it,
  // otherwise for the page alone (and removed again when it was built but not asked for).
  const embedAll = queryNeedsEmbedded(query);
  const items = jobs.map((job) => replicationVmJob(job, ctx, embedAll));
  const finish = (item: JsonObject): JsonObject => {
    if (embedAll === expand) return item;
    if (expand)
      return replicationVmJob(ctx.jobByUid(item.instanceUid as string) as ReplicationJob, ctx, true);
    const bare = { ...item };
    delete bare._embedded;
    return bare;
  };
  return jsonResponse(200, collectionPage(items, query, finish));
}

function backupServer(ctx: RequestContext, params: Readonly<Record<string, string>>): BackupServer {
  const uid = guidParam(params, 'backupServerUid');
  const server = ctx.world.backupServerByUid(uid);
  if (!server) throw notFound(`Backup server with UID ${uid} was not found.`);
  return server;
}

function guidParam(params: Readonly<Record<string, string>>, name: string): string {
  const raw = params[name] ?? '';
  const guid = normalizeGuid(raw);
  if (!guid) throw badParameter(name, `The value '${raw}' is not a valid UID.`);
  return guid;
}

/** Path segments without empty ones, so a trailing slash is ignored. */
function pathSegments(pathname: string): string[] {
  return pathname.split('/').filter((segment) => segment !== '');
}

/** The template's {name} parameters (decoded) when the path matches it, literal segments ignoring case. */
function matchTemplate(template: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = pathSegments(template);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] as string;
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name !== undefined) params[name] = safeDecode(segment);
    else if (part.toLowerCase() !== segment.toLowerCase()) return undefined;
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape is just a value that is not a valid UID
  }
}
