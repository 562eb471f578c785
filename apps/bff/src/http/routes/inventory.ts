import { FailoverSessionQuery, ReplicaPointQuery, VmRpoQuery, type SourceList } from '@lifeboat/shared';
import { Router } from 'express';
import { z } from 'zod';
import { getFailoverSession } from '../../actions/get-failover-session.ts';
import { listFailoverSessions } from '../../actions/list-failover-sessions.ts';
import { listReplicaPoints } from '../../actions/list-replica-points.ts';
import { listVmRpo } from '../../actions/list-vm-rpo.ts';
import type { Inventory } from '../../inventory/inventory.ts';

const EntityId = z.string().regex(/^[a-z0-9-]{1,63}\.[A-Za-z0-9-]{1,64}$/, 'not a valid id');

/** The read side: everything any signed-in role may see. */
export function inventoryRoutes(inv: Inventory) {
  const r = Router();
  r.get('/sources', (_req, res) => {
    res.json({ items: inv.sources(), asOf: new Date().toISOString() } satisfies SourceList);
  });
  r.get('/failover-sessions', async (req, res) => {
    res.json(await listFailoverSessions(inv, FailoverSessionQuery.parse(req.query)));
  });
  r.get('/failover-sessions/:id', async (req, res) => {
    res.json(await getFailoverSession(inv, EntityId.parse(req.params.id)));
  });
  r.get('/replica-points', async (req, res) => {
    res.json(await listReplicaPoints(inv, ReplicaPointQuery.parse(req.query)));
  });
  r.get('/vm-rpo', async (req, res) => {
    res.json(await listVmRpo(inv, VmRpoQuery.parse(req.query)));
  });
  return r;
}
