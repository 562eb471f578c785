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
      // A route matched by a pattern (the web app's pages and files) has no template to show.
      const path = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof path === 'string' ? template(req.originalUrl, path) : 'other';
      metrics.observeRequest(
        req.method,
        route,
        res.statusCode,
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
  };
}

/**
 * The route's full template: the path asked for, with the route's own segments (`/plans/:id`)
 * put in place of its last ones. The routers' mount points have no parameters, so the segments
 * before those are the mount point, whatever error unwound the routers (and `req.baseUrl`) since.
 */
function template(originalUrl: string, routePath: string): string {
  const asked = originalUrl.split('?')[0]!.split('/');
  const own = routePath.split('/').length - 1;
  return asked.slice(0, Math.max(1, asked.length - own)).join('/') + routePath;
}
