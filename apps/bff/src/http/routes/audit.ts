import { AuditQuery } from '@lifeboat/shared';
import { type IRouter, type Response } from 'express';
import { exportAudit } from '../../actions/audit-export.ts';
import { readAudit, type AuditReader } from '../../actions/read-audit.ts';
import type { Database } from '../../store/database.ts';
import { requireRole } from '../middleware/require-role.ts';

/**
 * The audit trail, for admins only (AUD-06). `GET /audit` answers one page in the list envelope;
 * `?format=csv` or `?format=json` downloads every matching record as a file.
 */
export function auditRoutes(r: IRouter, db: Database) {
  r.get('/audit', requireRole('admin'), async (req, res) => {
    const query = AuditQuery.parse(req.query);
    const s = req.session!;
    const reader: AuditReader = { username: s.username, roles: s.roles, requestId: req.id };
    if (query.format === undefined) {
      res.json(await readAudit(db, query, reader));
      return;
    }
    const file = await exportAudit(db, query, query.format, reader);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    await stream(res, file.chunks);
  });
}

/**
 * Writes the chunks as the client takes them. A failure once the body has started cannot become an
 * error response any more: the connection is cut, so a truncated file never looks complete.
 */
async function stream(res: Response, chunks: AsyncIterable<string>) {
  try {
    for await (const chunk of chunks) {
      if (!res.write(chunk)) {
        await new Promise<void>((resolve) => {
          const go = () => {
            res.off('drain', go).off('close', go);
            resolve();
          };
          res.on('drain', go).on('close', go);
        });
      }
      if (res.destroyed) return;
    }
    res.end();
  } catch (err) {
    if (!res.headersSent) throw err;
    res.destroy(err instanceof Error ? err : new Error(String(err)));
  }
}
