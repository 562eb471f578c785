// The routes of the real app, read from its Express router, for suites that must cover every route
// (the role matrix, the CSRF suite): a route added later is in them without anyone listing it.
import { startStack, type StackOptions, type Stack } from './harness.ts';

export interface Route {
  method: string;
  /** Express syntax, e.g. /api/v1/plans/:id */
  path: string;
}

/** The parts of router@2's Layer and Route this walk reads. */
interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every (method, path) an Express 5 app answers, read from its router stack. Express 5 (router@2)
 * keeps a mounted router's path in `layer.rawPath` and a route's in `layer.route.path`; anything
 * else (a RegExp path, a mounted router without a path, `all()`) fails loudly rather than being
 * skipped, so the walk never under-reports.
 */
export function routeTable(app: unknown): Route[] {
  const routes: Route[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = layer.route.path;
        if (typeof path !== 'string')
          throw new Error(`a route with a non-string path under ${prefix || '/'}`);
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (!on) continue;
          if (method === '_all') throw new Error(`all() on ${prefix}${path}: name its methods`);
          routes.push({ method: method.toUpperCase(), path: prefix + path });
        }
      } else if (Array.isArray(layer.handle?.stack)) {
        if (typeof layer.rawPath !== 'string')
          throw new Error(`a router mounted without a string path under ${prefix || '/'}`);
        walk(layer.handle.stack, prefix + (layer.rawPath === '/' ? '' : layer.rawPath));
      }
    }
  };
  const router = (app as { router?: { stack?: Layer[] } }).router;
  if (!Array.isArray(router?.stack)) throw new Error('not an Express 5 app (no router stack)');
  walk(router.stack, '');
  if (routes.length === 0) throw new Error('no routes found in the app');
  return routes;
}

/** `startStack`, and the route table of the very app its server listens with. */
export async function startStackWithRoutes(opts: StackOptions): Promise<{ stack: Stack; routes: Route[] }> {
  const stack = await startStack(opts);
  try {
    const apps = stack.server.listeners('request');
    if (apps.length !== 1) throw new Error(`expected one request listener, saw ${apps.length}`);
    // The server admits requests to the app through a gate (decision 015).
    return { stack, routes: routeTable((apps[0] as { admits?: unknown }).admits) };
  } catch (err) {
    await stack.close();
    throw err;
  }
}
