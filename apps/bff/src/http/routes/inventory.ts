import {
  FailoverSessionQuery,
  PlanQuery,
  PlanRestorePointsQuery,
  ReplicaPointQuery,
  ReplicationJobQuery,
  VmRpoQuery,
  type SourceList,
} from '@lifeboat/shared';
import type { IRouter } from 'express';
import { z } from 'zod';
import { getFailoverSession } from '../../actions/get-failover-session.ts';
import { getItem } from '../../actions/get-item.ts';
import { getOverview } from '../../actions/get-overview.ts';
import { getPlanRestorePoints } from '../../actions/get-plan-restore-points.ts';
import { listFailoverSessions } from '../../actions/list-failover-sessions.ts';
import { listPlans } from '../../actions/list-plans.ts';
import { listReplicaPoints } from '../../actions/list-replica-points.ts';
import { listReplicationJobs } from '../../actions/list-replication-jobs.ts';
import { exportVmRpo, listVmRpo } from '../../actions/list-vm-rpo.ts';
import type { Inventory } from '../../inventory/inventory.ts';
import type { Database } from '../../store/database.ts';
import { sendJson } from '../send-json.ts';

const EntityId = z.string().regex(/^[a-z0-9-]{1,63}\.[A-Za-z0-9-]{1,64}$/, 'not a valid id');

/** The read side: everything any signed-in role may see. */
export function inventoryRoutes(r: IRouter, inv: Inventory, db: Database) {
  r.get('/sources', (_req, res) => {
    res.json({ items: inv.sources(), asOf: new Date().toISOString() } satisfies SourceList);
  });
  r.get('/overview', async (_req, res) => {
    sendJson(res, await getOverview(inv, db));
  });
  r.get('/failover-sessions', async (req, res) => {
    sendJson(res, await listFailoverSessions(inv, FailoverSessionQuery.parse(req.query)));
  });
  r.get('/failover-sessions/:id', async (req, res) => {
    res.json(await getFailoverSession(inv, EntityId.parse(req.params.id)));
  });
  r.get('/replica-points', async (req, res) => {
    sendJson(res, await listReplicaPoints(inv, ReplicaPointQuery.parse(req.query)));
  });
  r.get('/vm-rpo', async (req, res) => {
    const query = VmRpoQuery.parse(req.query);
    if (query.format === 'csv') {
      const file = await exportVmRpo(inv, query);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
      res.send(file.body);
      return;
    }
    sendJson(res, await listVmRpo(inv, query));
  });
  r.get('/plans', async (req, res) => {
    sendJson(res, await listPlans(inv, PlanQuery.parse(req.query)));
  });
  r.get('/plans/:id', async (req, res) => {
    res.json(await getItem(inv, () => inv.list('plans'), 'plan', EntityId.parse(req.params.id)));
  });
  r.get('/plans/:id/restore-points', async (req, res) => {
    const { before } = PlanRestorePointsQuery.parse(req.query);
    res.json(await getPlanRestorePoints(inv, EntityId.parse(req.params.id), before));
  });
  r.get('/replication-jobs', async (req, res) => {
    sendJson(res, await listReplicationJobs(inv, ReplicationJobQuery.parse(req.query)));
  });
  r.get('/replication-jobs/:id', async (req, res) => {
    const id = EntityId.parse(req.params.id);
    res.json(await getItem(inv, () => inv.list('replicationJobs'), 'replication job', id));
  });
}
