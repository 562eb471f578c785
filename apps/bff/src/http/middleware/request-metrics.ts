import type { Request, Response } from 'express';
import type { Metrics } from '../../actions/metrics.ts';

/**
 * Times every answered request for the metrics, labelled by its route's template (`other` when no
 * route with a template took it: the web app's files, refusals), so a label set stays bounded. Event streams are left
 * out: they last as long as the page is open, which is no request's duration.
 */
export function timeRequests(metrics: Metrics): (req: Request, res: Response) => void {
  return (req, res) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      if (String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream')) return;
      const route = routeLabel(req);
      metrics.observeRequest(
        req.method,
        route,
        res.statusCode,
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
  };
}

/** Each route's label, made at its first request: a route's router is mounted at one place. */
const labels = new WeakMap<object, string>();

function routeLabel(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  // A route matched by a pattern (the web app's pages and files) has no template to show.
  if (!route || typeof route.path !== 'string') return 'other';
  let label = labels.get(route);
  if (label === undefined) {
    label = template(req.originalUrl, route.path);
    labels.set(route, label);
  }
  return label;
}

/**
 * The route's full template: the path asked for, with the route's own segments (`/plans/:id`)
 * put in place of its last ones. The routers' mount points have no parameters, so the segments
 * before those are the mount point, whatever error unwound the routers (and `req.baseUrl`) since.
 * Written as the mount point is, whatever the request's case or trailing slash (Express matches
 * either): the first request of a route names it for all.
 */
function template(originalUrl: string, routePath: string): string {
  const asked = originalUrl.split('?')[0]!.replace(/\/+$/, '').split('/');
  const own = routePath.split('/').length - 1;
  const mount = asked.slice(0, Math.max(1, asked.length - own)).join('/');
  return mount.toLowerCase() + routePath;
}
