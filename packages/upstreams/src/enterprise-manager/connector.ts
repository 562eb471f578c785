import type { FailoverSession, ReplicaPoint } from '@lifeboat/shared';
import { z } from 'zod';
import { upstreamKind, type InventorySnapshot, type SourceSettings } from '../connector.ts';
import { UpstreamError } from '../http/upstream-error.ts';
import { Unreadable } from '../unreadable.ts';
import { EnterpriseManagerClient } from './client.ts';
import {
  assignTenants,
  boundedText,
  normalizeFailoverSession,
  normalizeReplicaPoint,
  planVmNames,
  tenantByPlanName,
  type NormalizeContext,
} from './normalize.ts';
import { failoverSessionPath, queryPath, type QueryType } from './paths.ts';
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

export const enterpriseManager = upstreamKind({
  settings: z.object({
    /** Items per query page; Enterprise Manager documents no maximum. */
    pageSize: z.number().int().min(10).max(5000).default(500),
  }),
  create: createEnterpriseManagerConnector,
});

function createEnterpriseManagerConnector(settings: SourceSettings, own: { pageSize: number }) {
  const client = new EnterpriseManagerClient(settings);

  /** Every page of one query type, each item checked on its own: one bad item never hides the rest. */
  async function queryAll<T>(type: QueryType, schema: z.ZodType<T>, bad: Unreadable, signal?: AbortSignal) {
    const items: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const parsed = RawQueryResult.safeParse(
        await client.getXml(queryPath(type, page, own.pageSize), signal),
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

  return {
    settings,
    collections: ['failoverSessions', 'replicaPoints', 'protectedVms', 'plans'] as const,
    async fetchInventory(signal?: AbortSignal): Promise<InventorySnapshot> {
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
