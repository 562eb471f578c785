// Reading hostile names back out of the simulator's responses, shared by the hostile-names tests.

import { XMLParser } from 'fast-xml-parser';
import type { World } from '../../src/world/world.ts';

/** Every string anywhere in a parsed document (values and attributes). */
export function strings(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) value.forEach((item) => strings(item, into));
  else if (typeof value === 'object' && value !== null)
    Object.values(value).forEach((item) => strings(item, into));
  return into;
}

// A conforming reader: numeric references decoded, and no trimming (a name may start with CR LF).
export const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
  trimValues: false,
});

/**
 * XML 1.0 cannot carry C0 control characters other than tab, LF and CR, not even as references:
 * Enterprise Manager's writer sends U+FFFD for them (the ANSI escape's ESC), keeping the rest.
 */
// eslint-disable-next-line no-control-regex -- the characters XML cannot carry are the point
export const inXml = (name: string) => name.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '\uFFFD');

/** The names a world shows now, by kind (copied: the world's arrays follow the hostile-names switch). */
export function namesOf(world: World) {
  return {
    tenants: world.tenants.map((t) => t.name),
    jobs: world.jobs.map((j) => j.name),
    vms: world.vms.map((v) => v.name),
    plans: world.plans.map((p) => p.name),
  };
}
