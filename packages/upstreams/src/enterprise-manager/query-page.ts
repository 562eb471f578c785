import type { ReplicaPoint } from '@lifeboat/shared';
import type { z } from 'zod';
import { UpstreamError } from '../http/upstream-error.ts';
import { utf8Text } from '../http/utf8.ts';
import { normalizeReplicaPoint } from './normalize.ts';
import type { QueryType } from './paths.ts';
import { toColumns, type PointColumns } from './point-columns.ts';
import { RawFailoverPlan, RawFailoverSession, RawQueryResult, RawReplicaPoint } from './raw-schemas.ts';
import { parseEmXml } from './xml.ts';

/**
 * What each query type's items are once their page is read: restore points normalized at once
 * (a million of them; nothing else is needed to normalize one), sessions and plans checked only
 * (they are normalized with the plans' tenants, which the whole read decides).
 */
export interface PageItem {
  CloudVmReplicaPoint: ReplicaPoint;
  CloudFailoverSession: RawFailoverSession;
  CloudFailoverPlan: RawFailoverPlan;
}

/** A page's items as they cross from the reading thread: restore points in columns. */
export interface PageItems {
  CloudVmReplicaPoint: PointColumns;
  CloudFailoverSession: RawFailoverSession[];
  CloudFailoverPlan: RawFailoverPlan[];
}

/** One query page, read: its items, the pages the query has, and the items it could not read. */
export interface QueryPage<Q extends QueryType> {
  items: PageItems[Q];
  /** `PagesCount` of the page's `PagingInfo`; null when the server left it out. */
  pagesCount: number | null;
  /** One reason per item that could not be read (counted by the caller; one bad item hides no other). */
  unreadable: string[];
}

/** Plural wrapper element of each query type in `<Entities>`. */
const PLURAL: Record<QueryType, string> = {
  CloudFailoverSession: 'CloudFailoverSessions',
  CloudVmReplicaPoint: 'CloudVmReplicaPoints',
  CloudFailoverPlan: 'CloudFailoverPlans',
};

const SCHEMA: { [Q in QueryType]: z.ZodType } = {
  CloudFailoverSession: RawFailoverSession,
  CloudVmReplicaPoint: RawReplicaPoint,
  CloudFailoverPlan: RawFailoverPlan,
};

/**
 * Reads one query page (format=Entities) from its bytes, strict UTF-8. Pure, and its answer plain
 * data: it runs on a worker thread where the BFF gives the connector one, so no request waits
 * behind a decode or a parse.
 */
export function readQueryPage<Q extends QueryType>(
  type: Q,
  bytes: Uint8Array,
  sourceId: string,
): QueryPage<Q> {
  const parsed = RawQueryResult.safeParse(parseEmXml(utf8Text(bytes)));
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
  const items: PageItem[Q][] = [];
  const unreadable: string[] = [];
  const ctx = { sourceId, tenantByPlan: new Map<string, string>() };
  for (const raw of Entities?.[PLURAL[type]]?.[type] ?? []) {
    const item = SCHEMA[type].safeParse(raw);
    if (!item.success) {
      unreadable.push(`${type}: ${item.error.issues[0]?.message ?? 'invalid'}`);
      continue;
    }
    try {
      items.push(
        (type === 'CloudVmReplicaPoint'
          ? normalizeReplicaPoint(item.data as RawReplicaPoint, ctx)
          : item.data) as PageItem[Q],
      );
    } catch (err) {
      unreadable.push(`${type}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return {
    items: (type === 'CloudVmReplicaPoint' ? toColumns(items as ReplicaPoint[]) : items) as PageItems[Q],
    pagesCount: PagingInfo?.['@_PagesCount'] ?? null,
    unreadable,
  };
}
