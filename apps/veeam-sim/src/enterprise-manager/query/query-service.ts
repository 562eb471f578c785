// GET /api/query: the query service. `type` picks the resource, `format` References (default,
// <Refs>) or Entities (<Entities><Plural>...), `filter` narrows, `sortAsc`/`sortDesc` order,
// `pageSize`/`page` (1-based) page. A query's answer is a result set (result-set.ts) kept for the
// following pages of the same client's same query (type, filter, sort; any page size), so reading
// page after page costs a page each, not a pass over a million restore points each.
//
// When a set is made afresh: always for page 1, so a client that starts reading again sees what has
// changed since (new restore points, for one); when the world has changed in a way the clock does
// not tell (a plan run started, hostile names switched), as the key holds both; and when the set is
// gone (a minute unused, or pushed out by newer ones: result-set-cache.ts).

import { element, type XmlElement } from '../../xml/xml-writer.ts';
import { EmError } from '../em-errors.ts';
import { formatParam, queryParam } from '../em-params.ts';
import { EM_NAMESPACE, link, links, type EmContext } from '../em-xml.ts';
import { backupServers } from '../resources/backup-servers.ts';
import { failoverPlans } from '../resources/failover-plans.ts';
import { failoverSessions } from '../resources/failover-sessions.ts';
import { replicaPoints } from '../resources/replica-points.ts';
import { replicas } from '../resources/replicas.ts';
import { entityElement, mapLazy, referenceElement, type EmResource } from '../resources/resource.ts';
import { compileFilter, FilterError, lowerBound, parseFilter } from './filter.ts';
import type { ResultSetCache } from './result-set-cache.ts';
import { makeResultSet, type Selection } from './result-set.ts';

/** Documented examples show PageSize="100" when the request names none. */
const DEFAULT_PAGE_SIZE = 100;

// Each resource is used only with items it produced itself, so erasing the item type is safe.
const erase = <T>(resource: EmResource<T>) => resource as unknown as EmResource<unknown>;
const QUERY_TYPES: ReadonlyMap<string, EmResource<unknown>> = new Map(
  [
    erase(failoverSessions),
    erase(replicaPoints),
    erase(failoverPlans),
    erase(replicas),
    erase(backupServers),
  ].map((resource) => [resource.type.toLowerCase(), resource]),
);

interface QueryRequest extends Selection {
  readonly resource: EmResource<unknown>;
  readonly entities: boolean;
  readonly pageSize: number;
  readonly page: number;
  readonly filterText: string | undefined;
}

/** `client` is the caller's logon session: one client starting a query over does not disturb another's paging. */
export function queryResult(url: URL, ctx: EmContext, sets: ResultSetCache, client: string): XmlElement {
  const request = parseQuery(url);
  const { resource, pageSize, page } = request;
  const key = JSON.stringify([
    client,
    resource.type,
    request.filterText,
    request.sort,
    ctx.world.hostileNames,
    ctx.world.runs.all.length,
  ]);
  const set = sets.get(key, page > 1, () => makeResultSet(resource, request, ctx));
  // Made one by one as the response streams: a page of a million is never held whole.
  const items = mapLazy(set.page((page - 1) * pageSize, pageSize, ctx), (item) =>
    request.entities
      ? entityElement(resource, item, ctx, false)
      : referenceElement(resource, item, ctx, false),
  );
  return element('QueryResult', { xmlns: EM_NAMESPACE }, [
    request.entities
      ? element('Entities', undefined, [element(resource.plural, undefined, items)])
      : element('Refs', undefined, items),
    pagingInfo(url, ctx, page, pageSize, Math.max(1, Math.ceil(set.size / pageSize))),
  ]);
}

function parseQuery(url: URL): QueryRequest {
  const typeName = queryParam(url, 'type');
  if (!typeName) throw new EmError(400, 'The query must name a type, e.g. type=CloudFailoverSession');
  const resource = QUERY_TYPES.get(typeName.toLowerCase());
  if (!resource) throw new EmError(400, `Unknown query type "${typeName}"`);
  const format = formatParam(url) ?? 'references';
  if (format !== 'references' && format !== 'entities') {
    throw new EmError(400, `Unknown format "${format}": use References or Entities`);
  }
  const sortAsc = queryParam(url, 'sortAsc');
  const sortDesc = queryParam(url, 'sortDesc');
  if (sortAsc !== undefined && sortDesc !== undefined)
    throw new EmError(400, 'Use either sortAsc or sortDesc, not both');
  const sortField = sortAsc ?? sortDesc;
  if (sortField !== undefined && !resource.fields[sortField.toLowerCase()]) {
    throw new EmError(400, `Cannot sort ${resource.type} by unknown field "${sortField}"`);
  }
  const filterText = queryParam(url, 'filter')?.trim() || undefined;
  const filter = filterText === undefined ? undefined : compiledFilter(filterText, resource);
  return {
    resource,
    entities: format === 'entities',
    pageSize: positiveInteger(url, 'pageSize') ?? DEFAULT_PAGE_SIZE,
    page: positiveInteger(url, 'page') ?? 1,
    filterText,
    predicate: filter?.predicate,
    sinceMs: filter?.sinceMs,
    sort:
      sortField === undefined
        ? undefined
        : { field: sortField.toLowerCase(), descending: sortDesc !== undefined },
  };
}

function compiledFilter(text: string, resource: EmResource<unknown>) {
  try {
    const tree = parseFilter(text);
    return {
      predicate: compileFilter(tree, resource.fields),
      sinceMs: lowerBound(tree, 'creationtime', resource.fields),
    };
  } catch (error) {
    if (error instanceof FilterError) throw new EmError(400, `Invalid filter: ${error.message}`);
    throw error;
  }
}

function positiveInteger(url: URL, name: string): number | undefined {
  const raw = queryParam(url, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1) {
    throw new EmError(400, `${name} must be a whole number greater than 0, got "${raw}"`);
  }
  return value;
}

function pagingInfo(
  url: URL,
  ctx: EmContext,
  page: number,
  pageSize: number,
  pagesCount: number,
): XmlElement {
  const pageHref = (target: number): string => {
    const params = new URLSearchParams([...url.searchParams].filter(([key]) => key.toLowerCase() !== 'page'));
    params.append('page', String(target));
    return `${ctx.base}/api/query?${params.toString()}`;
  };
  return element('PagingInfo', { PageNum: page, PageSize: pageSize, PagesCount: pagesCount }, [
    links([
      link('First', undefined, pageHref(1)),
      ...(page > 1 ? [link('Previous', undefined, pageHref(Math.min(page - 1, pagesCount)))] : []),
      ...(page < pagesCount ? [link('Next', undefined, pageHref(page + 1))] : []),
      link('Last', undefined, pageHref(pagesCount)),
    ]),
  ]);
}
