import { inSlices } from '../in-slices.ts';
import type { OffThread } from '../off-thread.ts';
import type { Unreadable } from '../unreadable.ts';
import type { EnterpriseManagerClient } from './client.ts';
import { queryPath, type QueryFilter, type QueryType } from './paths.ts';
import { eachPoint, type PointColumns, type PointRow } from './point-columns.ts';
import type { PageItem, QueryPage } from './query-page.ts';

/** Caps a runaway paging loop (a misbehaving server that always says "more"). */
const MAX_PAGES = 10_000;
/** Pages in flight at once (asked for, or waiting to be read): enough to keep both sides busy. */
const PAGES_AHEAD = 3;
/**
 * The most plans or sessions a page holds, whatever `pageSize` says. Each is about twenty times a
 * restore point's XML (a plan lists its VMs, a session its tasks) and comes back as objects, not
 * columns: a page of 500, 5 MB of XML at `large`, held the serving thread 30 to 40 ms to take back.
 */
const PLANS_OR_SESSIONS_PER_PAGE = 100;

/** Where a connector's queries go, and where their pages are read. */
export interface QueryService {
  client: EnterpriseManagerClient;
  pageSize: number;
  sourceId: string;
  /** Pages are parsed and normalized here (a worker thread where the BFF gives one). */
  offThread: OffThread;
}

/** The query types whose items come back as objects, to be kept as they are. */
export type PlansOrSessions = Exclude<QueryType, 'CloudVmReplicaPoint'>;

/**
 * Every page of a query of plans or sessions, each item checked on its own: one bad item never
 * hides the rest. (Restore points are lent one at a time: `queryEach`.)
 */
export async function queryAll<Q extends PlansOrSessions>(
  qs: QueryService,
  type: Q,
  bad: Unreadable,
  signal?: AbortSignal,
  filter?: QueryFilter,
): Promise<PageItem[Q][]> {
  const items: PageItem[Q][] = [];
  await queryEach(qs, type, bad, (item) => items.push(item), signal, filter);
  return items;
}

/**
 * Every page of a query, handing each item to `take` page by page: a page's bytes are decoded and
 * read off this thread and only its items come back, so no request waits behind a parse. A
 * restore point is lent to `take` as a row of its page's columns, which moves on to the next point
 * after `take` returns: `keepRow` keeps one (`eachPoint`).
 */
export async function queryEach<Q extends QueryType>(
  qs: QueryService,
  type: Q,
  bad: Unreadable,
  take: (item: PageItem[Q]) => void,
  signal?: AbortSignal,
  filter?: QueryFilter,
): Promise<void> {
  // Up to PAGES_AHEAD pages are asked for and queued for reading while this one is taken, so
  // neither the server nor the reading thread waits on this thread between pages.
  let pagesCount = 1;
  const pageSize =
    type === 'CloudVmReplicaPoint' ? qs.pageSize : Math.min(qs.pageSize, PLANS_OR_SESSIONS_PER_PAGE);
  const reads = new Map<number, Promise<QueryPage<Q>>>();
  // When a page fails, the pages asked ahead are abandoned rather than read (and retried) for
  // nothing against an upstream that is failing.
  const abandon = new AbortController();
  const asked = signal ? AbortSignal.any([signal, abandon.signal]) : abandon.signal;
  const ask = (page: number) => {
    if (page > Math.min(pagesCount, MAX_PAGES) || reads.has(page)) return;
    const read = qs.client
      .getBytes(queryPath(type, page, pageSize, filter), asked)
      .then((bytes) => qs.offThread.run('emQueryPage', type, bytes, qs.sourceId) as Promise<QueryPage<Q>>);
    read.catch(() => undefined); // awaited below, unless an earlier page failed first
    reads.set(page, read);
  };
  try {
    for (let page = 1; page <= Math.min(pagesCount, MAX_PAGES); page++) {
      for (let ahead = page; ahead < page + PAGES_AHEAD; ahead++) ask(ahead);
      const read = await reads.get(page)!;
      reads.delete(page);
      pagesCount = read.pagesCount ?? page;
      for (const why of read.unreadable) bad.addMany(1, why);
      if (type === 'CloudVmReplicaPoint')
        eachPoint(read.items as PointColumns, qs.sourceId, take as unknown as (row: PointRow) => void);
      else for (const item of read.items as PageItem[Q][]) take(item);
    }
  } finally {
    // After the last page nothing is in flight; after a failure, the pages asked ahead are.
    abandon.abort();
  }
}

/**
 * Normalizes item by item, in slices that give way to requests (a large read has tens of
 * thousands); keyed by id, because pages read while the upstream changes can overlap.
 */
export async function normalizeEach<R, T extends { id: string }>(
  raws: readonly R[],
  fn: (r: R) => T,
  what: string,
  bad: Unreadable,
): Promise<Map<string, T>> {
  const byId = new Map<string, T>();
  // A session or a plan costs a hundred microseconds or more (a plan of 25 VMs, a session of 25
  // tasks): the clock is read at every eighth, or a slice would run 30 ms at `large`.
  await inSlices(
    raws,
    (raw) => {
      try {
        const item = fn(raw);
        byId.set(item.id, item);
      } catch (err) {
        bad.add(what, err);
      }
    },
    8,
  );
  return byId;
}
