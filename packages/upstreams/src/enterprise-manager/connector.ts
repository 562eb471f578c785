import type { FailoverSession, ReplicaPoint } from '@lifeboat/shared';
import type { z } from 'zod';
import type { Connector, InventorySnapshot, SourceSettings } from '../connector.ts';
import { UpstreamError } from '../http/upstream-error.ts';
import { EnterpriseManagerClient } from './client.ts';
import {
  boundedText,
  normalizeFailoverSession,
  normalizeReplicaPoint,
  tenantMaps,
  type NormalizeContext,
} from './normalize.ts';
import { failoverSessionPath, queryPath, type QueryType } from './paths.ts';
import { RawFailoverPlan, RawFailoverSession, RawQueryResult, RawReplicaPoint } from './raw-schemas.ts';

/** Plural wrapper element of each query type in `<Entities>`. */
const PLURAL: Record<QueryType, string> = {
  CloudFailoverSession: 'CloudFailoverSessions',
  CloudVmReplicaPoint: 'CloudVmReplicaPoints',
  CloudFailoverPlan: 'CloudFailoverPlans',
};

/** Caps a runaway paging loop (a misbehaving server that always says "more"). */
const MAX_PAGES = 10_000;

class Unreadable {
  count = 0;
  firstError: string | null = null;
  add(what: string, err: unknown) {
    this.count++;
    this.firstError ??= `${what}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500);
  }
}

export function createEnterpriseManagerConnector(settings: SourceSettings): Connector {
  const client = new EnterpriseManagerClient({
    baseUrl: settings.url,
    username: settings.username,
    password: settings.password,
    timeoutMs: settings.timeoutSeconds * 1000,
    maxBytes: settings.maxResponseBytes,
    ca: settings.ca,
  });

  /** Every page of one query type, each item checked on its own: one bad item never hides the rest. */
  async function queryAll<T>(type: QueryType, schema: z.ZodType<T>, bad: Unreadable, signal?: AbortSignal) {
    const items: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const parsed = RawQueryResult.safeParse(await client.getXml(queryPath(type, page), signal));
      if (!parsed.success)
        throw new UpstreamError('malformed_response', `response malformed: not a ${type} query result`);
      const { Entities, PagingInfo } = parsed.data.QueryResult;
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

  async function context(bad: Unreadable, signal?: AbortSignal): Promise<NormalizeContext> {
    const plans = await queryAll('CloudFailoverPlan', RawFailoverPlan, bad, signal);
    return { sourceId: settings.id, ...tenantMaps(plans) };
  }

  let lastContext: NormalizeContext | null = null;

  return {
    settings,
    async fetchInventory(signal): Promise<InventorySnapshot> {
      const bad = new Unreadable();
      const ctx = await context(bad, signal);
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
      const protectedVms = [...ctx.tenantByVm].map(([vmName, tenant]) => ({
        vmName: boundedText(vmName),
        tenant,
      }));
      return {
        failoverSessions,
        replicaPoints,
        protectedVms,
        unreadable: { count: bad.count, firstError: bad.firstError },
      };
    },
    async getFailoverSession(nativeId, signal) {
      const body = await client.getXml(failoverSessionPath(nativeId), signal);
      const raw = RawFailoverSession.safeParse(body.CloudFailoverSession);
      if (!raw.success)
        throw new UpstreamError('malformed_response', 'response malformed: not a CloudFailoverSession');
      const ctx = lastContext ?? { sourceId: settings.id, tenantByPlan: new Map(), tenantByVm: new Map() };
      try {
        return normalizeFailoverSession(raw.data, ctx);
      } catch (err) {
        throw new UpstreamError('malformed_response', `response malformed: ${(err as Error).message}`);
      }
    },
    close: () => client.close(),
  };
}
