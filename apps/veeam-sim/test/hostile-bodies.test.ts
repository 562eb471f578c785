import { XMLValidator } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type FaultRequest, type RunningSimulator } from '../src/index.ts';

let sim: RunningSimulator;
const CANARY = 'http://127.0.0.1:9/canary';

beforeAll(async () => {
  sim = await startSimulator({ speed: 0 });
});
afterEach(async () => {
  await fetch(`${sim.admin.url}/admin/faults`, { method: 'DELETE' });
});
afterAll(() => sim.close());

async function fault(request: FaultRequest): Promise<{ status: number; text: string }> {
  const response = await fetch(`${sim.admin.url}/admin/faults`, {
    method: 'POST',
    body: JSON.stringify(request),
  });
  return { status: response.status, text: await response.text() };
}

type Api = 'enterpriseManager' | 'orchestrator' | 'serviceProviderConsole';

/** The body one call gets with `hostileBody` set; the next call is normal again. */
async function hostile(api: Api, name: string): Promise<{ contentType: string; bytes: Buffer }> {
  const { status } = await fault({ api, hostileBody: name, canaryUrl: CANARY, count: 1 });
  expect(status).toBe(200);
  const url = sim[api].url;
  const response = await fetch(`${url}/api/v3/Plans`);
  expect(response.status).toBe(200);
  return {
    contentType: response.headers.get('content-type') ?? '',
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

const utf8 = (bytes: Buffer) => bytes.toString('utf8');
const strictUtf8 = (bytes: Buffer) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
const count = (text: string, needle: string) => text.split(needle).length - 1;

/** The deepest element nesting of a document, by its tags. */
function depth(xml: string): number {
  let level = 0;
  let deepest = 0;
  for (const [, close, , selfClosing] of xml.matchAll(/<(\/?)([A-Za-z_#][^\s/>]*)[^>]*?(\/?)>/g)) {
    if (close) level--;
    else if (!selfClosing) deepest = Math.max(deepest, ++level);
  }
  return deepest;
}

const XML_CHECKS: Readonly<Record<string, (bytes: Buffer) => void>> = {
  'billion-laughs': (bytes) => {
    expect(count(utf8(bytes), '<!ENTITY lol')).toBe(10);
    expect(utf8(bytes)).toContain(`<!ENTITY lol9 "${'&lol8;'.repeat(10)}">`);
    expect(utf8(bytes)).toContain('Name="&lol9;"');
  },
  quadratic: (bytes) => {
    expect(utf8(bytes)).toContain(`<!ENTITY big "${'A'.repeat(100_000)}">`);
    expect(count(utf8(bytes), '&big;')).toBe(10_000);
  },
  'xxe-file': (bytes) => {
    expect(utf8(bytes)).toContain('<!ENTITY xxe SYSTEM "file:///etc/passwd">');
    expect(utf8(bytes)).not.toContain('root:');
  },
  'xxe-http': (bytes) => expect(utf8(bytes)).toContain(`<!ENTITY xxe SYSTEM "${CANARY}">`),
  'parameter-entity': (bytes) => {
    expect(utf8(bytes)).toContain(`<!DOCTYPE QueryResult SYSTEM "${CANARY}" [`);
    expect(utf8(bytes)).toContain(`<!ENTITY % remote SYSTEM "${CANARY}">`);
    expect(utf8(bytes)).toContain('%declare;');
  },
  'numeric-flood': (bytes) => {
    expect(bytes.length).toBeGreaterThan(6_000_000);
    expect(count(utf8(bytes), '&#65;')).toBe(1_200_000);
  },
  'out-of-range-refs': (bytes) => {
    for (const ref of ['&#9999999;', '&#xFFFFFF;', '&#0;', '&#xD800;']) expect(utf8(bytes)).toContain(ref);
  },
  'deep-nesting-65': (bytes) => expect(depth(utf8(bytes))).toBe(65),
  'deep-nesting-100000': (bytes) => expect(depth(utf8(bytes))).toBe(100_000),
  'huge-attribute': (bytes) => expect(utf8(bytes)).toContain(`Name="${'A'.repeat(9 * 1024 * 1024)}"`),
  'prototype-keys': (bytes) => {
    for (const part of [
      'Name="__proto__"',
      '__proto__="polluted"',
      '<__proto__>',
      '<constructor><prototype>',
    ])
      expect(utf8(bytes)).toContain(part);
    expect(XMLValidator.validate(utf8(bytes))).toBe(true);
  },
  'reserved-names': (bytes) => {
    expect(utf8(bytes)).toContain('<#text>text node</#text>');
    expect(utf8(bytes)).toContain('<__comment>comment</__comment>');
  },
  'invalid-utf8': (bytes) => {
    expect(() => strictUtf8(bytes)).toThrow();
    expect(bytes.includes(Buffer.from([0xc0, 0x80]))).toBe(true);
    expect(bytes.includes(Buffer.from([0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80]))).toBe(true);
  },
  'utf16-bom': (bytes) => {
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const text = bytes.subarray(2).toString('utf16le');
    expect(text).toMatch(/^<\?xml version="1.0" encoding="utf-16"\?>/);
    expect(XMLValidator.validate(text)).toBe(true);
  },
  'latin1-declared': (bytes) => {
    expect(() => strictUtf8(bytes)).toThrow();
    expect(bytes.toString('latin1')).toContain('encoding="ISO-8859-1"');
    expect(bytes.toString('latin1')).toContain('Name="Café Zürich Plan"');
  },
  truncated: (bytes) => {
    expect(utf8(bytes)).toMatch(/^<\?xml/);
    expect(XMLValidator.validate(utf8(bytes))).not.toBe(true);
  },
  'two-roots': (bytes) => {
    expect(count(utf8(bytes), '<QueryResult ')).toBe(2);
    expect(XMLValidator.validate(utf8(bytes))).not.toBe(true);
  },
  'empty-list': (bytes) => {
    expect(XMLValidator.validate(utf8(bytes))).toBe(true);
    expect(utf8(bytes)).toContain('<Entities />');
  },
  'wrong-entity-type': (bytes) => {
    expect(XMLValidator.validate(utf8(bytes))).toBe(true);
    expect(count(utf8(bytes), '<CloudVmReplicaPoint ')).toBe(1);
  },
};

/** The items of a parsed collection, whichever API's envelope it has. */
function items(api: Api, parsed: unknown): unknown[] {
  return api === 'orchestrator' ? (parsed as unknown[]) : (parsed as { data: unknown[] }).data;
}

const JSON_CHECKS: Readonly<Record<string, (bytes: Buffer, api: Api) => void>> = {
  'proto-pollution': (bytes, api) => {
    const [item] = items(api, JSON.parse(utf8(bytes))) as Record<string, unknown>[];
    expect(Object.hasOwn(item as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  },
  'constructor-prototype': (bytes, api) => {
    const [item] = items(api, JSON.parse(utf8(bytes))) as { constructor: { prototype: unknown } }[];
    expect(item?.constructor.prototype).toEqual({ polluted: 1 });
  },
  'duplicate-keys': (bytes) => expect(count(utf8(bytes), '"name":')).toBe(2),
  'deep-arrays': (bytes) => expect(utf8(bytes)).toContain(`${'['.repeat(100_000)}${']'.repeat(100_000)}`),
  truncated: (bytes) => expect(() => JSON.parse(utf8(bytes)) as unknown).toThrow(),
  bom: (bytes, api) => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(items(api, JSON.parse(utf8(bytes.subarray(3))))).toHaveLength(1);
  },
  'invalid-utf8': (bytes) => expect(() => strictUtf8(bytes)).toThrow(),
  'nan-infinity': (bytes) => {
    expect(utf8(bytes)).toMatch(/:NaN,.*:Infinity,.*:-Infinity/);
    expect(() => JSON.parse(utf8(bytes)) as unknown).toThrow();
  },
  'wrong-types': (bytes, api) => {
    const [item, second] = items(api, JSON.parse(utf8(bytes))) as (Record<string, unknown> | null)[];
    expect(item?.name).toBe(12345);
    expect(second).toBeNull();
  },
  'empty-list': (bytes, api) => expect(items(api, JSON.parse(utf8(bytes)))).toEqual([]),
};

describe('hostile bodies (security-and-resilience.md §7.2)', () => {
  it('lists each API’s corpus in its own format', async () => {
    const refused = await fault({ api: 'orchestrator', hostileBody: 'billion-laughs' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(Object.keys(JSON_CHECKS).join(', '));
    const alsoRefused = await fault({ api: 'enterpriseManager', hostileBody: 'proto-pollution' });
    expect(alsoRefused.status).toBe(400);
    expect(alsoRefused.text).toContain(Object.keys(XML_CHECKS).join(', '));
  });

  it.each(Object.entries(XML_CHECKS))('Enterprise Manager: %s', async (name, check) => {
    const { contentType, bytes } = await hostile('enterpriseManager', name);
    expect(contentType).toBe('application/xml; charset=utf-8');
    check(bytes);
  });

  for (const api of ['orchestrator', 'serviceProviderConsole'] as const) {
    it.each(Object.entries(JSON_CHECKS))(`${api}: %s`, async (name, check) => {
      const { contentType, bytes } = await hostile(api, name);
      expect(contentType).toBe('application/json; charset=utf-8');
      check(bytes, api);
    });
  }

  it('dresses the body as the API’s own answer', async () => {
    const em = utf8((await hostile('enterpriseManager', 'prototype-keys')).bytes);
    expect(em).toContain(
      `<CloudFailoverPlan Type="CloudFailoverPlan" Href="${sim.enterpriseManager.url}/api/`,
    );
    const vro = JSON.parse(utf8((await hostile('orchestrator', 'wrong-types')).bytes)) as unknown;
    expect(Array.isArray(vro)).toBe(true);
    const vspc = JSON.parse(utf8((await hostile('serviceProviderConsole', 'wrong-types')).bytes)) as unknown;
    expect(vspc).toMatchObject({ meta: { pagingInfo: { total: 2, count: 2, offset: 0 } }, errors: null });
  });

  it('needs a canary URL for the bodies that point outside, and refuses unknown names', async () => {
    for (const name of ['xxe-http', 'parameter-entity']) {
      const answer = await fault({ api: 'enterpriseManager', hostileBody: name });
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('canaryUrl');
    }
    expect((await fault({ api: 'enterpriseManager', hostileBody: 'constructor' })).status).toBe(400);
    expect(
      (await fault({ api: 'enterpriseManager', hostileBody: 'xxe-file', canaryUrl: 'nope' })).status,
    ).toBe(400);
  });
});
