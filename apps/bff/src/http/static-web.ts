import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

/** The built SPA: hashed assets cached for good, index.html never, and deep links served index.html. */
export function staticWeb(webDir: string) {
  const r = Router();
  const index = join(webDir, 'index.html');
  r.use(
    '/assets',
    express.static(join(webDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }),
  );
  r.use(express.static(webDir, { index: false, maxAge: 0 }));
  r.get(/^\/(?!api\/|healthz$|readyz$).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    if (!existsSync(index)) {
      res.status(503).type('text').send('The web app is not built. Run `npm start`, which builds it.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return r;
}
