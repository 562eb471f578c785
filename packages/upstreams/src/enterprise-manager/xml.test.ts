import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../http/upstream-error.ts';
import { parseEmXml } from './xml.ts';

const NS = 'xmlns="http://www.veeam.com/ent/v1.0"';

function malformed(xml: string): string {
  try {
    parseEmXml(xml);
  } catch (err) {
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).code).toBe('malformed_response');
    return (err as Error).message;
  }
  throw new Error('expected the body to be refused');
}

describe('Enterprise Manager XML parsing refuses hostile bodies (security-and-resilience §7.2)', () => {
  it('refuses billion laughs, XXE and any other DTD before parsing', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`,
    ).join('')}]><EntityReferences ${NS}><Ref Name="&lol9;"/></EntityReferences>`;
    const started = performance.now();
    expect(malformed(laughs)).toMatch(/DTD not allowed/);
    expect(performance.now() - started).toBeLessThan(100);
    expect(malformed(`<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`)).toMatch(/DTD/);
    expect(malformed(`<!doctype r SYSTEM "http://127.0.0.1:9/x.dtd"><r/>`)).toMatch(/DTD/);
  });

  it('decodes the predefined entities and numeric references, so R&amp;D reads R&D', () => {
    const doc = parseEmXml(`<EntityRef ${NS} Name="R&amp;D &lt;Prod&gt; &#x263A;" UID="u"/>`) as {
      EntityRef: Record<string, string>;
    };
    expect(doc.EntityRef['@_Name']).toBe('R&D <Prod> ☺');
  });

  it('reads out-of-range numeric references as U+FFFD instead of crashing', () => {
    for (const ref of ['&#9999999;', '&#xFFFFFF;', '&#0;', '&#xD800;']) {
      const doc = parseEmXml(`<r ${NS}><Name>a${ref}b</Name></r>`) as { r: { Name: string } };
      expect(doc.r.Name).toBe('a\uFFFDb');
    }
  });

  it('refuses deep nesting beyond 64 levels and structurally broken documents', () => {
    const deep = (n: number) => `${'<a>'.repeat(n)}x${'</a>'.repeat(n)}`;
    expect(() => parseEmXml(deep(60))).not.toThrow();
    malformed(deep(65));
    malformed(deep(100_000));
    malformed(`<EntityReferences ${NS}><Ref></EntityReferences>`);
    malformed(`<a/><b/>`);
    malformed(`<a>`);
    malformed(`<html><body>502 Bad Gateway</body>`);
  });

  it('refuses __proto__ elements and never pollutes Object.prototype', () => {
    expect(malformed(`<r ${NS}><__proto__><polluted>1</polluted></__proto__></r>`)).toMatch(/__proto__/);
    expect(() => parseEmXml(`<r ${NS} __proto__="x"><constructor>x</constructor></r>`)).not.toThrow(
      TypeError,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('decodes each reference once: &amp;#65; is the text &#65;, not A', () => {
    const doc = parseEmXml(`<r ${NS}><Name>&amp;#65; &#65;</Name></r>`) as { r: { Name: string } };
    expect(doc.r.Name).toBe('&#65; A');
  });

  it('reads one Ref exactly like many (the isArray trap)', () => {
    const ref = (n: number) =>
      `<Ref Type="T" Name="n${n}" UID="u${n}"><Links><Link Rel="Up" Name="s"/></Links></Ref>`;
    const one = parseEmXml(`<EntityReferences ${NS}>${ref(1)}</EntityReferences>`) as {
      EntityReferences: { Ref: { Links: { Link: unknown[] } }[] };
    };
    const two = parseEmXml(`<EntityReferences ${NS}>${ref(1)}${ref(2)}</EntityReferences>`) as typeof one;
    expect(one.EntityReferences.Ref).toHaveLength(1);
    expect(two.EntityReferences.Ref).toHaveLength(2);
    expect(one.EntityReferences.Ref[0]?.Links.Link).toHaveLength(1);
  });
});
