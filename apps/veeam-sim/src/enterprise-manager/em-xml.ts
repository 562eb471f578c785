// Building blocks of Enterprise Manager's XML: namespace, Links, UIDs, times. Hrefs are absolute,
// built from the server's own base URL, as Enterprise Manager does.

import type { World } from '../world/world.ts';
import { element, type XmlElement } from '../xml/xml-writer.ts';

export const EM_NAMESPACE = 'http://www.veeam.com/ent/v1.0';

/** What every representation needs: where the server is, the world, and the moment of the request. */
export interface EmContext {
  /** Base URL without a path, e.g. http://127.0.0.1:9399. */
  readonly base: string;
  readonly world: World;
  readonly now: number;
}

export function apiUrl(ctx: { readonly base: string }, path: string): string {
  return `${ctx.base}/api${path}`;
}

export function link(rel: string, type: string | undefined, href: string, name?: string): XmlElement {
  return element('Link', { Rel: rel, Type: type, Href: href, Name: name });
}

export function links(items: readonly XmlElement[]): XmlElement {
  return element('Links', undefined, items);
}

export function urn(type: string, guid: string): string {
  return `urn:veeam:${type}:${guid}`;
}

/** UTC ISO 8601 with Z, as Enterprise Manager writes DateTime values. */
export function utc(ms: number): string {
  return new Date(ms).toISOString();
}

/** A restore point's Name: `<vm>@yyyy-MM-dd HH:mm:ss`. */
export function pointName(vmName: string, ms: number): string {
  return `${vmName}@${utc(ms).slice(0, 19).replace('T', ' ')}`;
}
