import { RpoHistoryQuery } from '@lifeboat/shared';
import type { IRouter } from 'express';
import { getRpoHistory } from '../../actions/get-rpo-history.ts';
import type { Database } from '../../store/database.ts';

/** RPO compliance over time: any signed-in role. */
export function rpoHistoryRoutes(r: IRouter, db: Database) {
  r.get('/rpo-history', async (req, res) => {
    res.json(await getRpoHistory(db, RpoHistoryQuery.parse(req.query)));
  });
}
