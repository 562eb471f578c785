import { boundedText } from '../values.ts';
import type { Plan, ReplicaPoint } from '@lifeboat/shared';
import { z } from 'zod';
import { upstreamKind, type ActionReceipt, type Connector, type SourceSettings } from '../connector.ts';
import { isUpstreamError, UpstreamError } from '../http/upstream-error.ts';
import { onThisThread, type OffThread } from '../off-thread.ts';
import { Unreadable } from '../unreadable.ts';
import { actionReceipt, normalizeTask, planActionRequest, type EmTask } from './actions.ts';
import { EnterpriseManagerClient } from './client.ts';
import { EmInventorySync } from './inventory-sync.ts';
import { pointMs } from './kept-point.ts';
import {
  idFromUid,
  normalizeFailoverSession,
  planVmNames,
  tenantByPlanName,
  type NormalizeContext,
} from './normalize.ts';
import { anyEquals, failoverPlanPath, failoverSessionPath, taskPath, type QueryFilter } from './paths.ts';
import { normalizeEmPlan, vmKey } from './plans.ts';
import { normalizeEach, queryAll, queryEach, type PlansOrSessions, type QueryService } from './query.ts';
import { keepRow, type PointRow } from './point-columns.ts';
import { RawFailoverPlan, RawFailoverSession } from './raw-schemas.ts';

/** VM names per restore point query when one plan is read (keeps the filter and URL short). */
const VMS_PER_QUERY = 25;

/** The Enterprise Manager connector: a Connector, and the tasks its plan actions answer with. */
export interface EnterpriseManagerConnector extends Connector {
  /**
   * Where the task a plan action answered with stands (`ActionReceipt.correlation`). A task
   * belongs to the logon session that started it: after a re-logon it is gone (not_found).
   */
  readTask(taskId: string, signal?: AbortSignal): Promise<EmTask>;
}

const EmSettings = z.object({
  /** Items per query page; Enterprise Manager documents no maximum. */
  pageSize: z.number().int().min(10).max(5000).default(500),
  /** A full read, which also drops what the upstream deleted, at least this often; 0: every poll. */
  reconcileSeconds: z.number().int().min(0).max(86_400).default(1800),
  /** Cloud failover plans are re-read at least this often (they change rarely). */
  plansSeconds: z.number().int().min(0).max(86_400).default(300),
  /**
   * How far back of the newest creation time read an incremental read starts, every half of it;
   * the reads between start at that time (decision 012).
   */
  overlapSeconds: z.number().int().min(0).max(86_400).default(60),
});

export const enterpriseManager = upstreamKind({
  settings: EmSettings,
  create: createEnterpriseManagerConnector,
});

export function createEnterpriseManagerConnector(
  settings: SourceSettings,
  own: z.infer<typeof EmSettings>,
  offThread: OffThread = onThisThread,
): EnterpriseManagerConnector {
  const client = new EnterpriseManagerClient(settings);

  const qs: QueryService = { client, pageSize: own.pageSize, sourceId: settings.id, offThread };
  const sync = new EmInventorySync(qs, {
    reconcileMs: own.reconcileSeconds * 1000,
    plansMs: own.plansSeconds * 1000,
    overlapMs: own.overlapSeconds * 1000,
  });
  const query = <Q extends PlansOrSessions>(
    type: Q,
    bad: Unreadable,
    signal?: AbortSignal,
    filter?: QueryFilter,
  ) => queryAll(qs, type, bad, signal, filter);
  const fetchInventory = (signal?: AbortSignal) => sync.poll(signal);

  /** One plan as a poll reads it, from everything: the exact fallback of `readPlan`. */
  async function planFromInventory(id: string, signal?: AbortSignal): Promise<Plan> {
    const plan = (await fetchInventory(signal)).plans?.find((p) => p.ref.nativeId === id);
    if (!plan)
      throw new UpstreamError('not_found', `Enterprise Manager lists no cloud failover plan ${id}`, 404);
    return plan;
  }

  /**
   * One plan now, normalized as a poll normalizes it, from what concerns it only: the plan, its
   * sessions (by the plan's name, which is how a session names its plan) and its VMs' restore
   * points (by VM name). Where names cannot tell it apart from the rest (another plan of the same
   * name, a VM name on two replicas, a name the filter language cannot quote) or the server
   * refuses the filters, it is read from everything, as a poll reads it.
   */
  async function readPlan(nativeId: string, signal?: AbortSignal): Promise<Plan> {
    const body = await client.getXml(failoverPlanPath(nativeId), signal);
    const id = nativeId.toLowerCase();
    const parsed = RawFailoverPlan.safeParse(body.CloudFailoverPlan);
    if (!parsed.success)
      throw new UpstreamError('malformed_response', 'response malformed: not a CloudFailoverPlan');
    if (uidOf(parsed.data) !== id)
      throw new UpstreamError('malformed_response', `response malformed: asked for plan ${id}, got another`);
    try {
      const plan = await planByNames(parsed.data, signal);
      if (plan) return plan;
    } catch (err) {
      // A query service that refuses these filters: read as a poll reads.
      if (!(isUpstreamError(err) && err.code === 'http_status' && err.status === 400)) throw err;
    }
    return planFromInventory(id, signal);
  }

  /** The bounded read of `readPlan`; null when names cannot tell this plan's sessions and points apart. */
  async function planByNames(raw: RawFailoverPlan, signal?: AbortSignal): Promise<Plan | null> {
    const name = raw['@_Name'];
    const vmNames = planVmNames(raw);
    const byName = anyEquals('name', [name]);
    const byVm = chunks(vmNames, VMS_PER_QUERY).map((names) => anyEquals('vmName', names));
    if (byName === null || !byVm.every((f) => f !== null)) return null;
    const bad = new Unreadable();
    const namesakes = await query('CloudFailoverPlan', bad, signal, byName);
    if (namesakes.filter((p) => p['@_Name'] === name).length > 1) return null;
    // The query service compares without regard to case: only exact names are this plan's.
    const rawSessions = (await query('CloudFailoverSession', bad, signal, byName)).filter(
      (r) => r['@_Name'] === name,
    );
    const read: ReplicaPoint[] = [];
    for (const filter of byVm)
      await queryEach(
        qs,
        'CloudVmReplicaPoint',
        bad,
        (row) => read.push(keepRow(row as PointRow)),
        signal,
        filter,
      );
    const ctx: NormalizeContext = { sourceId: settings.id, tenantByPlan: tenantByPlanName([raw]) };
    const sessions = [
      ...(
        await normalizeEach(rawSessions, (r) => normalizeFailoverSession(r, ctx), 'CloudFailoverSession', bad)
      ).values(),
    ];
    const wanted = new Set(vmNames.map(boundedText));
    // Keyed by id: pages read while the upstream changes can overlap.
    const points = [...new Map(read.map((p) => [p.id, p])).values()].filter((p) => wanted.has(p.vmName));
    const newest = newestPoints(points, raw.TenantName ? boundedText(raw.TenantName) : null);
    return newest && normalizeEmPlan(raw, settings.id, sessions, newest);
  }

  return {
    settings,
    collections: ['failoverSessions', 'replicaPoints', 'protectedVms', 'plans'] as const,
    tracked: ['replicaPoints', 'failoverSessions'] as const,
    fetchInventory,
    readPlan,
    async runPlanAction(nativeId, action, params, signal): Promise<ActionReceipt> {
      const request = planActionRequest(nativeId, action, params);
      return actionReceipt(await client.sendAction(request.path, request.body, signal));
    },
    async readTask(taskId, signal) {
      return normalizeTask(await client.getXml(taskPath(taskId), signal));
    },
    async getFailoverSession(nativeId: string, signal?: AbortSignal) {
      const body = await client.getXml(failoverSessionPath(nativeId), signal);
      const raw = RawFailoverSession.safeParse(body.CloudFailoverSession);
      if (!raw.success)
        throw new UpstreamError('malformed_response', 'response malformed: not a CloudFailoverSession');
      try {
        return normalizeFailoverSession(raw.data, sync.context);
      } catch (err) {
        throw new UpstreamError('malformed_response', `response malformed: ${(err as Error).message}`);
      }
    },
    close: () => client.close(),
  };
}

/**
 * Each VM's newest point, keyed as `normalizeEmPlan` looks them up; null when a VM name shows on
 * more than one replica (two tenants' VMs of one name), which names alone cannot tell apart.
 */
function newestPoints(
  points: readonly ReplicaPoint[],
  tenant: string | null,
): Map<string, ReplicaPoint> | null {
  const replicaOf = new Map<string, string | null>();
  const newest = new Map<string, ReplicaPoint>();
  for (const p of points) {
    const seen = replicaOf.get(p.vmName);
    if (seen !== undefined && seen !== p.replicaId) return null;
    replicaOf.set(p.vmName, p.replicaId);
    const k = vmKey(tenant, p.vmName);
    const cur = newest.get(k);
    if (!cur || pointMs(p) > pointMs(cur)) newest.set(k, p);
  }
  return newest;
}

/** The plan's id from its UID; a UID that is not one makes the answer malformed. */
function uidOf(raw: RawFailoverPlan): string {
  try {
    return idFromUid(raw['@_UID'], 'CloudFailoverPlan');
  } catch (err) {
    throw new UpstreamError('malformed_response', `response malformed: ${(err as Error).message}`);
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
