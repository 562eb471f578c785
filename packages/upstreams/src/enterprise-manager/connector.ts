import { boundedText } from '../values.ts';
import type { FailoverSession, Plan, ReplicaPoint } from '@lifeboat/shared';
import { z } from 'zod';
import {
  upstreamKind,
  type ActionReceipt,
  type Connector,
  type InventorySnapshot,
  type SourceSettings,
} from '../connector.ts';
import { isUpstreamError, UpstreamError } from '../http/upstream-error.ts';
import { Unreadable } from '../unreadable.ts';
import { actionReceipt, normalizeTask, planActionRequest, type EmTask } from './actions.ts';
import { EnterpriseManagerClient } from './client.ts';
import {
  assignTenants,
  idFromUid,
  normalizeFailoverSession,
  normalizeReplicaPoint,
  planVmNames,
  tenantByPlanName,
  type NormalizeContext,
} from './normalize.ts';
import {
  anyEquals,
  failoverPlanPath,
  failoverSessionPath,
  queryPath,
  taskPath,
  type QueryFilter,
  type QueryType,
} from './paths.ts';
import { normalizeEmPlan, vmKey } from './plans.ts';
import { RawFailoverPlan, RawFailoverSession, RawQueryResult, RawReplicaPoint } from './raw-schemas.ts';

/** Plural wrapper element of each query type in `<Entities>`. */
const PLURAL: Record<QueryType, string> = {
  CloudFailoverSession: 'CloudFailoverSessions',
  CloudVmReplicaPoint: 'CloudVmReplicaPoints',
  CloudFailoverPlan: 'CloudFailoverPlans',
};

/** Caps a runaway paging loop (a misbehaving server that always says "more"). */
const MAX_PAGES = 10_000;

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

export const enterpriseManager = upstreamKind({
  settings: z.object({
    /** Items per query page; Enterprise Manager documents no maximum. */
    pageSize: z.number().int().min(10).max(5000).default(500),
  }),
  create: createEnterpriseManagerConnector,
});

export function createEnterpriseManagerConnector(
  settings: SourceSettings,
  own: { pageSize: number },
): EnterpriseManagerConnector {
  const client = new EnterpriseManagerClient(settings);

  /** Every page of one query type, each item checked on its own: one bad item never hides the rest. */
  async function queryAll<T>(
    type: QueryType,
    schema: z.ZodType<T>,
    bad: Unreadable,
    signal?: AbortSignal,
    filter?: QueryFilter,
  ) {
    const items: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const parsed = RawQueryResult.safeParse(
        await client.getXml(queryPath(type, page, own.pageSize, filter), signal),
      );
      if (!parsed.success)
        throw new UpstreamError('malformed_response', `response malformed: not a ${type} query result`);
      const { Entities, PagingInfo } = parsed.data.QueryResult;
      // Well-formed but another entity type than asked for: an error, never an empty list.
      const other = Object.keys(Entities ?? {}).find((k) => k !== PLURAL[type]);
      if (other !== undefined)
        throw new UpstreamError(
          'malformed_response',
          `response malformed: asked for ${type} and got ${other.slice(0, 60)}`,
        );
      for (const raw of Entities?.[PLURAL[type]]?.[type] ?? []) {
        const item = schema.safeParse(raw);
        if (item.success) items.push(item.data);
        else bad.add(type, item.error.issues[0]?.message ?? 'invalid');
      }
      if (!PagingInfo || page >= PagingInfo['@_PagesCount']) break;
    }
    return items;
  }

  /** Normalizes item by item; keyed by id, because pages read while the upstream changes can overlap. */
  function normalizeEach<R, T extends { id: string }>(
    raws: R[],
    fn: (r: R) => T,
    what: string,
    bad: Unreadable,
  ): T[] {
    const byId = new Map<string, T>();
    for (const raw of raws) {
      try {
        const item = fn(raw);
        byId.set(item.id, item);
      } catch (err) {
        bad.add(what, err);
      }
    }
    return [...byId.values()];
  }

  let lastContext: NormalizeContext = { sourceId: settings.id, tenantByPlan: new Map() };

  async function fetchInventory(signal?: AbortSignal): Promise<InventorySnapshot> {
    const bad = new Unreadable();
    const rawPlans = await queryAll('CloudFailoverPlan', RawFailoverPlan, bad, signal);
    const ctx: NormalizeContext = { sourceId: settings.id, tenantByPlan: tenantByPlanName(rawPlans) };
    lastContext = ctx;
    const sessions = await queryAll('CloudFailoverSession', RawFailoverSession, bad, signal);
    const points = await queryAll('CloudVmReplicaPoint', RawReplicaPoint, bad, signal);
    const failoverSessions: FailoverSession[] = normalizeEach(
      sessions,
      (r) => normalizeFailoverSession(r, ctx),
      'CloudFailoverSession',
      bad,
    );
    const replicaPoints: ReplicaPoint[] = normalizeEach(
      points,
      (r) => normalizeReplicaPoint(r, ctx),
      'CloudVmReplicaPoint',
      bad,
    );
    assignTenants(replicaPoints, rawPlans);
    const newest = new Map<string, ReplicaPoint>();
    for (const p of replicaPoints) {
      const k = vmKey(p.tenant, p.vmName);
      const cur = newest.get(k);
      if (!cur || p.pointTime > cur.pointTime) newest.set(k, p);
    }
    const plans = normalizeEach(
      rawPlans,
      (r) => normalizeEmPlan(r, settings.id, failoverSessions, newest),
      'CloudFailoverPlan',
      bad,
    );
    const protectedVms = rawPlans.flatMap((p) =>
      planVmNames(p).map((vmName) => ({
        vmName: boundedText(vmName),
        tenant: p.TenantName ? boundedText(p.TenantName) : null,
      })),
    );
    return {
      failoverSessions,
      replicaPoints,
      protectedVms,
      plans,
      unreadable: { count: bad.count, firstError: bad.firstError },
    };
  }

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
    const namesakes = await queryAll('CloudFailoverPlan', RawFailoverPlan, bad, signal, byName);
    if (namesakes.filter((p) => p['@_Name'] === name).length > 1) return null;
    // The query service compares without regard to case: only exact names are this plan's.
    const rawSessions = (
      await queryAll('CloudFailoverSession', RawFailoverSession, bad, signal, byName)
    ).filter((r) => r['@_Name'] === name);
    const rawPoints: RawReplicaPoint[] = [];
    for (const filter of byVm)
      rawPoints.push(...(await queryAll('CloudVmReplicaPoint', RawReplicaPoint, bad, signal, filter)));
    const ctx: NormalizeContext = { sourceId: settings.id, tenantByPlan: tenantByPlanName([raw]) };
    const sessions = normalizeEach(
      rawSessions,
      (r) => normalizeFailoverSession(r, ctx),
      'CloudFailoverSession',
      bad,
    );
    const wanted = new Set(vmNames.map(boundedText));
    const points = normalizeEach(
      rawPoints,
      (r) => normalizeReplicaPoint(r, ctx),
      'CloudVmReplicaPoint',
      bad,
    ).filter((p) => wanted.has(p.vmName));
    const newest = newestPoints(points, raw.TenantName ? boundedText(raw.TenantName) : null);
    return newest && normalizeEmPlan(raw, settings.id, sessions, newest);
  }

  return {
    settings,
    collections: ['failoverSessions', 'replicaPoints', 'protectedVms', 'plans'] as const,
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
        return normalizeFailoverSession(raw.data, lastContext);
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
    if (!cur || p.pointTime > cur.pointTime) newest.set(k, p);
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
