import type { z } from 'zod';
import { UpstreamError } from '../http/upstream-error.ts';
import type { Unreadable } from '../unreadable.ts';
import type { EnterpriseManagerClient } from './client.ts';
import { queryPath, type QueryFilter, type QueryType } from './paths.ts';
import { RawQueryResult } from './raw-schemas.ts';
import { parseEmXml } from './xml.ts';

/** Plural wrapper element of each query type in `<Entities>`. */
const PLURAL: Record<QueryType, string> = {
  CloudFailoverSession: 'CloudFailoverSessions',
  CloudVmReplicaPoint: 'CloudVmReplicaPoints',
  CloudFailoverPlan: 'CloudFailoverPlans',
};

/** Caps a runaway paging loop (a misbehaving server that always says "more"). */
const MAX_PAGES = 10_000;

/** Every page of one query type, each item checked on its own: one bad item never hides the rest. */
export async function queryAll<T>(
  client: EnterpriseManagerClient,
  pageSize: number,
  type: QueryType,
  schema: z.ZodType<T>,
  bad: Unreadable,
  signal?: AbortSignal,
  filter?: QueryFilter,
): Promise<T[]> {
  const items: T[] = [];
  await queryEach(client, pageSize, type, schema, bad, (item) => items.push(item), signal, filter);
  return items;
}

/**
 * Like queryAll, handing each item to `take` page by page, so that a page's parsed text is
 * released before the next page is read.
 */
export async function queryEach<T>(
  client: EnterpriseManagerClient,
  pageSize: number,
  type: QueryType,
  schema: z.ZodType<T>,
  bad: Unreadable,
  take: (item: T) => void,
  signal?: AbortSignal,
  filter?: QueryFilter,
): Promise<void> {
  // The next page is asked for before this one is parsed, so the server writes it meanwhile.
  let pagesCount = 1;
  const asked = new Map<number, Promise<string>>();
  const ask = (page: number) => {
    if (page > Math.min(pagesCount, MAX_PAGES) || asked.has(page)) return;
    const text = client.getText(queryPath(type, page, pageSize, filter), signal);
    text.catch(() => undefined); // awaited below, unless an earlier page failed first
    asked.set(page, text);
  };
  ask(1);
  for (let page = 1; page <= Math.min(pagesCount, MAX_PAGES); page++) {
    const text = await asked.get(page)!;
    asked.delete(page);
    ask(page + 1);
    const parsed = RawQueryResult.safeParse(parseEmXml(text));
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
    pagesCount = PagingInfo?.['@_PagesCount'] ?? page;
    ask(page + 1);
    for (const raw of Entities?.[PLURAL[type]]?.[type] ?? []) {
      const item = schema.safeParse(raw);
      if (item.success) take(item.data);
      else bad.add(type, item.error.issues[0]?.message ?? 'invalid');
    }
  }
}

/** Normalizes item by item; keyed by id, because pages read while the upstream changes can overlap. */
export function normalizeEach<R, T extends { id: string }>(
  raws: readonly R[],
  fn: (r: R) => T,
  what: string,
  bad: Unreadable,
): Map<string, T> {
  const byId = new Map<string, T>();
  for (const raw of raws) {
    try {
      const item = fn(raw);
      byId.set(item.id, item);
    } catch (err) {
      bad.add(what, err);
    }
  }
  return byId;
}
