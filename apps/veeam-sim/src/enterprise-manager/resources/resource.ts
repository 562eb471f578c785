// One description per Enterprise Manager resource type (backup servers, failover sessions, ...),
// from which the collection, the reference, the entity and the query service's answers are all
// built, so the four views of a type cannot drift apart.

import { element, type XmlAttributeValue, type XmlElement } from '../../xml/xml-writer.ts';
import { apiUrl, EM_NAMESPACE, links, urn, type EmContext } from '../em-xml.ts';

export type FieldValue = string | number | undefined;

/** A field the query service can filter and sort on. */
export type QueryField<T> =
  | { readonly kind: 'string' | 'date' | 'number'; get(item: T, ctx: EmContext): FieldValue }
  /** Enums compare by their position in `values` (Success < Warning < Failed). */
  | { readonly kind: 'enum'; readonly values: readonly string[]; get(item: T, ctx: EmContext): FieldValue };

/**
 * A type's items in natural order as they stand at one moment, by position. The query service keeps
 * positions between the pages of a query and looks the items up again for each page.
 */
export interface Inventory<T> {
  readonly size: number;
  /**
   * Visits every item in order with its position. An inventory may skip items created before
   * `sinceMs` (no match can be one of them) where it can tell them without making them.
   */
  scan(visit: (item: T, position: number) => void, sinceMs?: number): void;
  /** The item at a position, looked up in `ctx`'s world, so fields worked out when rendering stay current. */
  at(position: number, ctx: EmContext): T;
}

/** The inventory of a type kept as a list that only grows at the end (or not at all). */
export function listInventory<T>(list: (ctx: EmContext) => readonly T[]) {
  return (ctx: EmContext): Inventory<T> => ({
    size: list(ctx).length,
    scan: (visit) => list(ctx).forEach((item, position) => visit(item, position)),
    at: (position, later) => list(later)[position] as T,
  });
}

export interface EmResource<T> {
  /** Entity type, e.g. CloudFailoverSession (also the query service's type name). */
  readonly type: string;
  /** Element wrapping a list of entities, e.g. CloudFailoverSessions. */
  readonly plural: string;
  /** Collection path under /api, e.g. /cloud/failoverSessions. */
  readonly path: string;
  idOf(item: T): string;
  nameOf(item: T, ctx: EmContext): string;
  referenceLinks(item: T, ctx: EmContext): XmlElement[];
  entityLinks(item: T, ctx: EmContext): XmlElement[];
  /** The entity's elements after Links, in schema order. */
  entityBody(item: T, ctx: EmContext): XmlElement[];
  entityAttributes?(item: T, ctx: EmContext): Readonly<Record<string, XmlAttributeValue>>;
  /** What `GET <path>` lists. */
  listed(ctx: EmContext): Iterable<T>;
  /** What the query service searches (may include more than `listed`), as it stands at ctx.now. */
  inventory(ctx: EmContext): Inventory<T>;
  find(id: string, ctx: EmContext): T | undefined;
  /** Query fields by lower-case name. */
  readonly fields: Readonly<Record<string, QueryField<T>>>;
}

export function referenceHref<T>(resource: EmResource<T>, item: T, ctx: EmContext): string {
  return apiUrl(ctx, `${resource.path}/${resource.idOf(item)}`);
}

export function entityHref<T>(resource: EmResource<T>, item: T, ctx: EmContext): string {
  return `${referenceHref(resource, item, ctx)}?format=Entity`;
}

/** `<Ref>` in lists, `<EntityRef>` on its own (root: carries the namespace). */
export function referenceElement<T>(
  resource: EmResource<T>,
  item: T,
  ctx: EmContext,
  root: boolean,
): XmlElement {
  return element(
    root ? 'EntityRef' : 'Ref',
    {
      xmlns: root ? EM_NAMESPACE : undefined,
      Type: `${resource.type}Reference`,
      Href: referenceHref(resource, item, ctx),
      Name: resource.nameOf(item, ctx),
      UID: urn(resource.type, resource.idOf(item)),
    },
    [links(resource.referenceLinks(item, ctx))],
  );
}

export function entityElement<T>(
  resource: EmResource<T>,
  item: T,
  ctx: EmContext,
  root: boolean,
): XmlElement {
  return element(
    resource.type,
    {
      xmlns: root ? EM_NAMESPACE : undefined,
      Type: resource.type,
      Href: entityHref(resource, item, ctx),
      Name: resource.nameOf(item, ctx),
      UID: urn(resource.type, resource.idOf(item)),
      ...resource.entityAttributes?.(item, ctx),
    },
    [links(resource.entityLinks(item, ctx)), ...resource.entityBody(item, ctx)],
  );
}

/** `<EntityReferences>` of `<Ref>`s: what a collection URL answers. */
export function referenceList<T>(resource: EmResource<T>, items: Iterable<T>, ctx: EmContext): XmlElement {
  return element(
    'EntityReferences',
    { xmlns: EM_NAMESPACE },
    mapLazy(items, (item) => referenceElement(resource, item, ctx, false)),
  );
}

/** `<CloudFailoverSessions>` of entities: what a collection URL answers with ?format=Entity. */
export function entityList<T>(
  resource: EmResource<T>,
  items: Iterable<T>,
  ctx: EmContext,
  root: boolean,
): XmlElement {
  return element(
    resource.plural,
    { xmlns: root ? EM_NAMESPACE : undefined },
    mapLazy(items, (item) => entityElement(resource, item, ctx, false)),
  );
}

/** Maps lazily, so a million items become elements one at a time while the response streams. */
export function* mapLazy<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}
