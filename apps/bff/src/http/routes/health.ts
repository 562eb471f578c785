import type { IRouter } from 'express';
import type { OpenDatabase } from '../../store/database.ts';

/** Unauthenticated and without details (OPS-03); upstream health is per source, not gated here. */
export function healthRoutes(r: IRouter, db: OpenDatabase) {
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  r.get('/readyz', async (_req, res) => {
    try {
      await db.check();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'not ready' });
    }
  });
}
