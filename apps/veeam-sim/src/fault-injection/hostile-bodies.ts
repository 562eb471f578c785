// The hostile XML and JSON corpus of security-and-resilience.md §7.2, as named generators: each
// builds one body on demand (some are megabytes; none is kept in git or in memory between calls),
// dressed as the API's own answer, so a client meets it where it reads real data: Enterprise
// Manager's CloudFailoverPlan query result, the Orchestrator's plan list, the Service Provider
// Console's replication job envelope. The fault `hostileBody` answers 200 with one of them.

import { EM_NAMESPACE } from '../enterprise-manager/em-xml.ts';

export interface HostileBodyContext {
  /** The API's base URL, for Hrefs. */
  readonly base: string;
  /** Where external entities and DTDs point (xxe-http, parameter-entity): a client must never call it. */
  readonly canaryUrl?: string;
}

type Generate = (ctx: HostileBodyContext) => string | Buffer;

interface Corpus {
  readonly contentType: string;
  readonly bodies: Readonly<Record<string, Generate>>;
}

/** The bodies whose generator needs `canaryUrl`. */
export const NEEDS_CANARY: ReadonlySet<string> = new Set(['xxe-http', 'parameter-entity']);

const PLAN_UID = '3f2b1c9e-5d4a-4e8f-9a7b-6c5d4e3f2a1b';

interface EmPlanParts {
  readonly declaration?: string;
  readonly doctype?: string;
  /** Raw attribute content: entity references and all. */
  readonly name?: string;
  readonly extraAttributes?: string;
  /** Raw element content of Description. */
  readonly description?: string;
  /** Raw markup after Description. */
  readonly extra?: string;
}

/** A one-plan `GET /api/query?type=CloudFailoverPlan&format=Entities` answer with raw parts spliced in. */
function emPlans(ctx: HostileBodyContext, parts: EmPlanParts = {}): string {
  const href = `${ctx.base}/api/cloud/cloudFailoverPlans/${PLAN_UID}`;
  return [
    parts.declaration ?? '<?xml version="1.0" encoding="utf-8"?>',
    parts.doctype ?? '',
    `<QueryResult xmlns="${EM_NAMESPACE}"><Entities><CloudFailoverPlans>`,
    `<CloudFailoverPlan Type="CloudFailoverPlan" Href="${href}?format=Entity" Name="${parts.name ?? 'Hostile Plan'}" UID="urn:veeam:CloudFailoverPlan:${PLAN_UID}"${parts.extraAttributes ?? ''}>`,
    `<Links><Link Rel="Alternate" Type="CloudFailoverPlanReference" Href="${href}" /></Links>`,
    '<TenantName>Hostile Tenant</TenantName>',
    `<Description>${parts.description ?? 'Cloud failover plan'}</Description>`,
    parts.extra ?? '',
    '</CloudFailoverPlan></CloudFailoverPlans></Entities>',
    '<PagingInfo PageNum="1" PageSize="500" PagesCount="1" />',
    '</QueryResult>\n',
  ].join('\n');
}

/** Nested elements bringing the document to `depth` levels (QueryResult down to CloudFailoverPlan is 4). */
function nested(depth: number): string {
  const levels = depth - 4;
  return '<Nested>'.repeat(levels) + '</Nested>'.repeat(levels);
}

/** The document with `bytes` in place of the Name attribute's value. */
function withRawName(ctx: HostileBodyContext, bytes: Buffer, encoding: BufferEncoding = 'utf8'): Buffer {
  const marker = '\u0001NAME\u0001';
  const [before = '', after = ''] = emPlans(ctx, { name: marker }).split(marker);
  return Buffer.concat([Buffer.from(before, encoding), bytes, Buffer.from(after, encoding)]);
}

function canary(ctx: HostileBodyContext): string {
  if (ctx.canaryUrl === undefined) throw new Error('this hostile body needs canaryUrl');
  return ctx.canaryUrl;
}

const MIB = 1024 * 1024;

const XML_BODIES: Readonly<Record<string, Generate>> = {
  // 10 levels of 10 references: 10^10 "lol"s if expanded.
  'billion-laughs': (ctx) => {
    const entities = Array.from({ length: 10 }, (_, level) =>
      level === 0 ? '<!ENTITY lol0 "lol">' : `<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`,
    );
    return emPlans(ctx, {
      doctype: `<!DOCTYPE QueryResult [\n${entities.join('\n')}\n]>`,
      name: '&lol9;',
      description: '&lol9;',
    });
  },
  // One 100 KB entity referenced 10,000 times: 1 GB expanded, no nesting for a depth limit to catch.
  quadratic: (ctx) =>
    emPlans(ctx, {
      doctype: `<!DOCTYPE QueryResult [<!ENTITY big "${'A'.repeat(100_000)}">]>`,
      description: '&big;'.repeat(10_000),
    }),
  'xxe-file': (ctx) =>
    emPlans(ctx, {
      doctype: '<!DOCTYPE QueryResult [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      name: '&xxe;',
      description: '&xxe;',
    }),
  'xxe-http': (ctx) =>
    emPlans(ctx, {
      doctype: `<!DOCTYPE QueryResult [<!ENTITY xxe SYSTEM "${canary(ctx)}">]>`,
      name: '&xxe;',
      description: '&xxe;',
    }),
  // An external DTD, an external parameter entity, and an internal one that declares an entity.
  'parameter-entity': (ctx) =>
    emPlans(ctx, {
      doctype: [
        `<!DOCTYPE QueryResult SYSTEM "${canary(ctx)}" [`,
        `<!ENTITY % remote SYSTEM "${canary(ctx)}">`,
        '<!ENTITY % declare "<!ENTITY injected \'parameter entity expanded\'>">',
        '%declare;',
        '%remote;',
        ']>',
      ].join('\n'),
      name: '&injected;',
      description: '&injected;',
    }),
  // 1.2 million numeric references: 6 MB that decode to 1.2 MB of "A" (CVE-2026-33036).
  'numeric-flood': (ctx) => emPlans(ctx, { description: '&#65;'.repeat(1_200_000) }),
  // Beyond Unicode, NUL and a lone surrogate (CVE-2026-25128).
  'out-of-range-refs': (ctx) =>
    emPlans(ctx, {
      name: 'Plan &#9999999;&#xFFFFFF;&#0;&#xD800;',
      description: '&#9999999; &#xFFFFFF; &#0; &#xD800;',
    }),
  'deep-nesting-65': (ctx) => emPlans(ctx, { extra: nested(65) }),
  'deep-nesting-100000': (ctx) => emPlans(ctx, { extra: nested(100_000) }),
  // Past an 8 MiB body cap.
  'huge-attribute': (ctx) => emPlans(ctx, { name: 'A'.repeat(9 * MIB) }),
  'prototype-keys': (ctx) =>
    emPlans(ctx, {
      name: '__proto__',
      extraAttributes: ' __proto__="polluted" constructor="polluted"',
      extra:
        '<__proto__><polluted>yes</polluted></__proto__>' +
        '<constructor><prototype><polluted>yes</polluted></prototype></constructor>' +
        '<prototype><polluted>yes</polluted></prototype>',
    }),
  // fast-xml-parser's own key names for text and comments.
  'reserved-names': (ctx) =>
    emPlans(ctx, { extra: '<#text>text node</#text><__comment>comment</__comment>' }),
  // Overlong NUL, a byte never valid, an overlong prefix, a cut 3-byte sequence, CESU-8 surrogates, a 6-byte form.
  'invalid-utf8': (ctx) =>
    withRawName(
      ctx,
      Buffer.from([
        ...[0x50, 0x6c, 0x61, 0x6e, 0x20], // "Plan "
        ...[0xc0, 0x80, 0x20, 0xff, 0x20, 0xe0, 0x80, 0x20, 0xe2, 0x82, 0x20],
        ...[0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80, 0x20, 0xfc, 0x80, 0x80, 0x80, 0x80, 0x80],
      ]),
    ),
  // UTF-16LE with its BOM, while the Content-Type still says UTF-8.
  'utf16-bom': (ctx) =>
    Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(emPlans(ctx, { declaration: '<?xml version="1.0" encoding="utf-16"?>' }), 'utf16le'),
    ]),
  // Declared and encoded as Latin-1: the name's é and ü are single bytes, invalid as UTF-8.
  'latin1-declared': (ctx) =>
    Buffer.from(
      emPlans(ctx, {
        declaration: '<?xml version="1.0" encoding="ISO-8859-1"?>',
        name: 'Caf\u00e9 Z\u00fcrich Plan',
      }),
      'latin1',
    ),
  truncated: (ctx) => {
    const whole = emPlans(ctx);
    return whole.slice(0, Math.floor(whole.length * 0.6));
  },
  'two-roots': (ctx) => `${emPlans(ctx)}<QueryResult xmlns="${EM_NAMESPACE}"><Entities /></QueryResult>\n`,
  // Well-formed but implausible: every query answers "nothing at all", with no sign of deletion.
  'empty-list': () =>
    `<?xml version="1.0" encoding="utf-8"?>\n<QueryResult xmlns="${EM_NAMESPACE}"><Entities />` +
    '<PagingInfo PageNum="1" PageSize="500" PagesCount="1" /></QueryResult>\n',
  // Well-formed but not what was asked for: restore points, whatever the query's type.
  'wrong-entity-type': (ctx) =>
    `<?xml version="1.0" encoding="utf-8"?>\n<QueryResult xmlns="${EM_NAMESPACE}"><Entities><CloudVmReplicaPoints>` +
    `<CloudVmReplicaPoint Type="CloudVmReplicaPoint" Href="${ctx.base}/api/cloud/vmReplicaPoints/${PLAN_UID}" ` +
    `Name="vm01@2026-11-30 01:00:00" UID="urn:veeam:CloudVmReplicaPoint:${PLAN_UID}">` +
    '<CreationTimeUTC>2026-11-30T01:00:00Z</CreationTimeUTC></CloudVmReplicaPoint></CloudVmReplicaPoints></Entities>' +
    '<PagingInfo PageNum="1" PageSize="500" PagesCount="1" /></QueryResult>\n',
};

interface JsonDialect {
  /** Raw JSON members of one valid item, in order. */
  readonly item: Readonly<Record<string, string>>;
  readonly idKey: string;
  /** The collection around raw item texts. */
  wrap(items: readonly string[]): string;
}

const object = (members: Readonly<Record<string, string>>): string =>
  `{${Object.entries(members)
    .map(([key, value]) => `${JSON.stringify(key)}:${value}`)
    .join(',')}}`;

function jsonBodies(dialect: JsonDialect): Readonly<Record<string, Generate>> {
  const item = (extra: Readonly<Record<string, string>> = {}) => object({ ...dialect.item, ...extra });
  const body = (...items: string[]) => dialect.wrap(items);
  // Members spliced before the item's own: object() cannot repeat a key or put __proto__ first.
  const prefixed = (raw: string) => body(`{${raw},${item().slice(1)}`);
  return {
    'proto-pollution': () => prefixed('"__proto__":{"polluted":1}'),
    'constructor-prototype': () => prefixed('"constructor":{"prototype":{"polluted":1}}'),
    'duplicate-keys': () => prefixed('"name":"The name a first-wins parser keeps"'),
    'deep-arrays': () => body(item({ vms: `${'['.repeat(100_000)}${']'.repeat(100_000)}` })),
    truncated: () => {
      const whole = body(item(), item());
      return whole.slice(0, Math.floor(whole.length * 0.6));
    },
    bom: () => `\uFEFF${body(item())}`,
    'invalid-utf8': () => {
      const marker = '\u0001NAME\u0001';
      const [before = '', after = ''] = body(item({ name: `"${marker}"` })).split(marker);
      const bad = Buffer.from([0x50, 0x6c, 0x61, 0x6e, 0x20, 0xc0, 0x80, 0x20, 0xff, 0x20, 0xed, 0xa0, 0x80]);
      return Buffer.concat([Buffer.from(before), bad, Buffer.from(after)]);
    },
    'nan-infinity': () => body(item({ progress: 'NaN', targetRpo: 'Infinity', targetRto: '-Infinity' })),
    // A number where a string belongs, and null where an object belongs.
    'wrong-types': () => body(item({ [dialect.idKey]: '42', name: '12345' }), 'null'),
    // Well-formed but implausible: an empty collection, with no sign of deletion.
    'empty-list': () => body(),
  };
}

const ORCHESTRATOR: JsonDialect = {
  idKey: 'id',
  item: {
    id: `"${PLAN_UID}"`,
    planType: '"Replica"',
    name: '"Hostile Plan"',
    stateName: '"Ready"',
    enabled: 'true',
    vmCount: '1',
  },
  // GET /api/v3/Plans answers a bare array.
  wrap: (items) => `[${items.join(',')}]`,
};

const SERVICE_PROVIDER_CONSOLE: JsonDialect = {
  idKey: 'instanceUid',
  item: {
    instanceUid: `"${PLAN_UID}"`,
    name: '"Hostile Replication Job"',
    status: '"Success"',
    type: '"ReplicationVM"',
    isEnabled: 'true',
  },
  wrap: (items) =>
    `{"meta":{"pagingInfo":{"total":${items.length},"count":${items.length},"offset":0}},"data":[${items.join(',')}],"errors":null}`,
};

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Each simulated API's corpus, by the API's name. */
const CORPORA: Readonly<Record<string, Corpus>> = {
  enterpriseManager: { contentType: 'application/xml; charset=utf-8', bodies: XML_BODIES },
  orchestrator: { contentType: JSON_CONTENT_TYPE, bodies: jsonBodies(ORCHESTRATOR) },
  serviceProviderConsole: { contentType: JSON_CONTENT_TYPE, bodies: jsonBodies(SERVICE_PROVIDER_CONSOLE) },
};

/** Every name in any corpus (what a fault request may ask for). */
export const HOSTILE_BODY_NAMES: ReadonlySet<string> = new Set(
  Object.values(CORPORA).flatMap((corpus) => Object.keys(corpus.bodies)),
);

/** The hostile bodies an API has. */
export function hostileBodyNames(api: string): string[] {
  return Object.hasOwn(CORPORA, api) ? Object.keys(CORPORA[api]?.bodies ?? {}) : [];
}

export function hostileBody(
  api: string,
  name: string,
  ctx: HostileBodyContext,
): { contentType: string; body: Buffer } {
  const corpus = Object.hasOwn(CORPORA, api) ? CORPORA[api] : undefined;
  if (!corpus || !Object.hasOwn(corpus.bodies, name))
    throw new RangeError(`${api} has no hostile body "${name}"`);
  const body = (corpus.bodies[name] as Generate)(ctx);
  return { contentType: corpus.contentType, body: typeof body === 'string' ? Buffer.from(body) : body };
}
