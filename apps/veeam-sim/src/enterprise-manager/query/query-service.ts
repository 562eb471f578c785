// GET /api/query: the query service. `type` picks the resource, `format` References (default,
// <Refs>) or Entities (<Entities><Plural>...), `filter` narrows, `sortAsc`/`sortDesc` order,
// `pageSize`/`page` (1-based) page. Without sorting, results stream in natural order and are
// counted on the way, so paging a million restore points never holds them all in memory.

import { element, type XmlElement } from '../../xml/xml-writer.ts';
import { EmError } from '../em-errors.ts';
import { formatParam, queryParam } from '../em-params.ts';
import { EM_NAMESPACE, link, links, type EmContext } from '../em-xml.ts';
import { backupServers } from '../resources/backup-servers.ts';
import { failoverPlans } from '../resources/failover-plans.ts';
import { failoverSessions } from '../resources/failover-sessions.ts';
import { replicaPoints } from '../resources/replica-points.ts';
import { replicas } from '../resources/replicas.ts';
import { entityElement, referenceElement, type EmResource } from '../resources/resource.ts';
import { compareValues, comparable, compileFilter, FilterError, parseFilter } from './filter.ts';

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

interface QueryRequest {
  readonly resource: EmResource<unknown>;
  readonly entities: boolean;
  readonly pageSize: number;
  readonly page: number;
  readonly predicate: ((item: unknown, ctx: EmContext) => boolean) | undefined;
  readonly sort: { readonly field: string; readonly descending: boolean } | undefined;
}

export function queryResult(url: URL, ctx: EmContext): XmlElement {
  const request = parseQuery(url);
  const { resource, pageSize, page } = request;
  const first = (page - 1) * pageSize;
  let total = 0;
  // Sorting needs every match up front; otherwise matches stream in natural order.
  const matches = request.sort ? sorted(request, request.sort, ctx) : matching(request, ctx);
  function* pageItems(): Generator<XmlElement> {
    for (const item of matches) {
      if (total >= first && total < first + pageSize) {
        yield request.entities
          ? entityElement(resource, item, ctx, false)
          : referenceElement(resource, item, ctx, false);
      }
      total++;
    }
  }
  function* children(): Generator<XmlElement> {
    yield request.entities
      ? element('Entities', undefined, [element(resource.plural, undefined, pageItems())])
      : element('Refs', undefined, pageItems());
    // Runs only after the list above has been written out, so `total` is complete by now.
    yield pagingInfo(url, ctx, page, pageSize, Math.max(1, Math.ceil(total / pageSize)));
  }
  return element('QueryResult', { xmlns: EM_NAMESPACE }, children());
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
  return {
    resource,
    entities: format === 'entities',
    pageSize: positiveInteger(url, 'pageSize') ?? DEFAULT_PAGE_SIZE,
    page: positiveInteger(url, 'page') ?? 1,
    predicate: compiledFilter(url, resource),
    sort:
      sortField === undefined
        ? undefined
        : { field: sortField.toLowerCase(), descending: sortDesc !== undefined },
  };
}

function compiledFilter(url: URL, resource: EmResource<unknown>) {
  const text = queryParam(url, 'filter');
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return compileFilter(parseFilter(text), resource.fields);
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

function* matching(request: QueryRequest, ctx: EmContext): Generator<unknown> {
  for (const item of request.resource.all(ctx)) {
    if (!request.predicate || request.predicate(item, ctx)) yield item;
  }
}

/** Matching items in the requested order; items without the field go last, ties keep natural order. */
function sorted(request: QueryRequest, sort: NonNullable<QueryRequest['sort']>, ctx: EmContext): unknown[] {
  const field = request.resource.fields[sort.field];
  if (!field) throw new EmError(400, `Cannot sort by unknown field "${sort.field}"`);
  const keyed = [...matching(request, ctx)].map((item, order) => ({
    item,
    order,
    key: comparable(field, field.get(item, ctx)),
  }));
  const direction = sort.descending ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined) {
      return a.key === b.key ? a.order - b.order : a.key === undefined ? 1 : -1;
    }
    return compareValues(a.key, b.key) * direction || a.order - b.order;
  });
  return keyed.map((entry) => entry.item);
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
