// The Orchestrator REST API (JSON) over the world: routing, the bearer token check, and the mapping
// of errors to statuses. Paths match case-insensitively, as ASP.NET routes them. A plan action the
// plan's state or mode forbids answers 400: the only client error Veeam documents for VRO besides
// 401 is 400 ("request ... invalid"); 409 appears nowhere in its docs.

import type { IncomingMessage } from 'node:http';
import type { ApiHandler, ApiResponse, RouteMatch } from '../fault-injection/api-handler.ts';
import type { World } from '../world/world.ts';
import { createAccessTokens, type AccessTokens } from './access-tokens.ts';
import { PlanStateError, createPlanStateMachine } from './plan-state-machine.ts';
import { plansFromWorld } from './plans-from-world.ts';
import type { RequestContext, Route } from './route.ts';
import { tokenEndpoint, type Credentials } from './token-endpoint.ts';
import { aboutRoute } from './v1-about.ts';
import { v2Routes } from './v2-failover-plans.ts';
import { v3Routes } from './v3-plans.ts';
import { errorResponse, unauthorized, VroError } from './vro-errors.ts';

export interface OrchestratorOptions extends Credentials {
  readonly world: World;
  /** Access token lifetime in minutes (VRO default 15; fractions allowed for tests). */
  readonly accessMinutes: number;
  /** Refresh token lifetime in minutes (VRO default 120). */
  readonly refreshMinutes: number;
}

/** The token endpoints need no bearer token. */
function tokenRoute(
  template: string,
  tokens: AccessTokens,
  credentials: Credentials,
): Route & { open: true } {
  return {
    method: 'POST',
    template,
    open: true,
    handle: (ctx) => tokenEndpoint(ctx.request, tokens, credentials),
  };
}

export function createOrchestratorApi(options: OrchestratorOptions): ApiHandler {
  const now = (): number => options.world.clock.now();
  const tokens = createAccessTokens(
    { accessMs: options.accessMinutes * 60_000, refreshMs: options.refreshMinutes * 60_000 },
    now,
  );
  const catalog = plansFromWorld(options.world);
  const machine = createPlanStateMachine(options.world);
  const routes: readonly (Route & { open?: true })[] = [
    // VRO 7 and 13 serve /api/token; VAO 4's documentation posts to /token.
    tokenRoute('/api/token', tokens, options),
    tokenRoute('/token', tokens, options),
    aboutRoute,
    ...v2Routes,
    ...v3Routes,
  ];
  return {
    route(request, url) {
      const matches = routes.flatMap((route) => {
        const id = matchTemplate(route.template, url.pathname);
        return id === null ? [] : [{ route, id }];
      });
      const method = request.method ?? 'GET';
      const found = matches.find(({ route }) => route.method === method);
      const template = found?.route.template ?? matches[0]?.route.template ?? '(unmatched)';
      const handle = async (): Promise<ApiResponse> => {
        try {
          if (found) {
            if (!found.route.open && !tokens.authenticate(bearerToken(request) ?? '')) throw unauthorized();
            return await found.route.handle(
              { request, url, catalog, machine } satisfies RequestContext,
              found.id,
            );
          }
          if (matches.length === 0)
            throw new VroError(404, `No HTTP resource was found that matches the request URI '${url.href}'.`);
          const allowed = [...new Set(matches.map(({ route }) => route.method))].join(', ');
          throw new VroError(405, `The requested resource does not support http method '${method}'.`, {
            Allow: allowed,
          });
        } catch (error) {
          if (error instanceof VroError) return errorResponse(error.status, error.message, error.headers);
          if (error instanceof PlanStateError) return errorResponse(400, error.message);
          throw error;
        }
      };
      return { template, handle } satisfies RouteMatch;
    },
    errorResponse: (status, message) => errorResponse(status, message),
    expireSessions: () => tokens.revokeAll(),
  };
}

function bearerToken(request: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
}

/** The `{id}` of a matching path ('' when the template has none), or null. A trailing slash is ignored. */
function matchTemplate(template: string, pathname: string): string | null {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  const [before = '', after] = template.toLowerCase().split('{id}');
  const lower = path.toLowerCase();
  if (after === undefined) return lower === before ? '' : null;
  if (!lower.startsWith(before) || !lower.endsWith(after) || path.length <= before.length + after.length)
    return null;
  let id: string;
  try {
    id = decodeURIComponent(path.slice(before.length, path.length - after.length));
  } catch {
    return null;
  }
  return id.includes('/') ? null : id;
}
