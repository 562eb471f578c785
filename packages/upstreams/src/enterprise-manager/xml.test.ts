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
    expect(malformed(`<r ${NS}><constructor>x</constructor></r>`)).toMatch(/constructor/);
    expect(malformed(`<r ${NS} a="1"><@_a>2</@_a></r>`)).toMatch(/without a proper name/);
    expect(malformed(`<r ${NS}><></></r>`)).toMatch(/without a proper name/);
    expect(parseEmXml(`<r ${NS} __proto__="x" />`)).toEqual({
      r: { '@_xmlns': 'http://www.veeam.com/ent/v1.0', '@___proto__': 'x' },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps elements named like Object methods aside, so none shadows a method', () => {
    const doc = parseEmXml(`<r ${NS}><toString>1</toString><hasOwnProperty>2</hasOwnProperty></r>`) as {
      r: Record<string, unknown>;
    };
    expect(doc.r).toMatchObject({ __toString: '1', __hasOwnProperty: '2' });
    expect(Object.hasOwn(doc.r, 'toString')).toBe(false);
    expect(Object.hasOwn(doc.r, 'hasOwnProperty')).toBe(false);
  });

  it('refuses a flood of references, named or numeric, before reading it', () => {
    for (const ref of ['&amp;', '&#65;']) {
      expect(malformed(`<r ${NS}><a>${ref.repeat(100_001)}</a></r>`)).toMatch(
        /more than 100000 entity or character references/,
      );
    }
    expect(parseEmXml(`<r ${NS}><a>${'&amp;'.repeat(1000)}</a></r>`)).toMatchObject({
      r: { a: '&'.repeat(1000) },
    });
  });

  it('reads list elements in time that does not grow with the names above them', () => {
    // Built into a path for every <Ref/>, names of 16,000 characters once took 10 s for this body.
    const long = 'X'.repeat(16_000);
    const body = `<r ${NS}><${long}>${'<Ref/>'.repeat(100_000)}</${long}></r>`;
    const started = performance.now();
    const doc = parseEmXml(body) as { r: Record<string, { Ref: unknown }> };
    expect(doc.r[long]?.Ref).toHaveLength(100_000);
    expect(performance.now() - started).toBeLessThan(2_000);
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

describe('Enterprise Manager XML structure is checked as it is read', () => {
  const point = (n: number) =>
    `<CloudVmReplicaPoint Type="CloudVmReplicaPoint" Name="vm${n}@2026-11-30 01:00:00" UID="urn:veeam:CloudVmReplicaPoint:${n}">` +
    `<Links><Link Rel="Up" Type="CloudReplicaReference" Href="http://em/api/cloud/replicas/${n}" Name="R&amp;D" /></Links>` +
    `<CreationTimeUTC>2026-11-30T01:00:00Z</CreationTimeUTC></CloudVmReplicaPoint>`;
  const page =
    `<?xml version="1.0" encoding="utf-8"?>\n<QueryResult ${NS}><Entities><CloudVmReplicaPoints>` +
    `${point(1)}${point(2)}${point(3)}</CloudVmReplicaPoints></Entities>` +
    '<PagingInfo PageNum="1" PageSize="3" PagesCount="2" /></QueryResult>';

  it('refuses a page cut anywhere, never reading it as a shorter page', () => {
    expect(parseEmXml(`${page}\n`)).toHaveProperty('QueryResult.Entities');
    for (let cut = 1; cut < page.length; cut++) malformed(page.slice(0, cut));
    expect(malformed(page.slice(0, page.indexOf(point(3))))).toMatch(
      /element not closed \(a truncated body\?\)/,
    );
  });

  it('refuses unclosed and mismatched elements, and stray closing tags', () => {
    expect(malformed(`<r ${NS}><a>x</r>`)).toMatch(/closing tag does not match/);
    expect(malformed(`<r ${NS}><a><b>x</a></b></r>`)).toMatch(/closing tag does not match/);
    expect(malformed(`<r ${NS}><a></b></r>`)).toMatch(/closing tag does not match/);
    expect(malformed(`<r ${NS}><a>x</a>`)).toMatch(/element not closed/);
    expect(malformed(`<r ${NS}></r></r>`)).toMatch(/closing tag does not match/);
    expect(malformed(`<r ${NS}><a x="1></a></r>`)).toMatch(/markup not closed/);
    // A name the tag's end cuts short never closes the element early.
    expect(malformed(`<r ${NS}><a">"x>1</a">"x></r>`)).toMatch(/closing tag does not match/);
  });

  it('refuses text beside the root element, and a second root, even of the same name', () => {
    expect(malformed(`<r ${NS}/>junk`)).toMatch(/text after the root element/);
    expect(malformed(`<r ${NS}>x</r>\n</`)).toMatch(/closing tag does not match|markup not closed/);
    expect(malformed(`junk<r ${NS}/>`)).toMatch(/text outside the root element/);
    expect(malformed(`<r ${NS}/><![CDATA[x]]>`)).toMatch(/text outside the root element/);
    expect(malformed(`<a/><b/>`)).toMatch(/more than one root element/);
    expect(malformed(`<r ${NS}/>\n<r ${NS}/>`)).toMatch(/more than one root element/);
    expect(malformed(`<!-- only a comment -->`)).toMatch(/no root element/);
    expect(malformed('')).toMatch(/no root element/);
  });

  it('reads comments, CDATA, processing instructions and a byte order mark around and inside the root', () => {
    const doc = parseEmXml(
      `\uFEFF<?xml version="1.0"?>\n<!-- <x> --><r ${NS} a="x/>" b='>'><?pi <q> ?><n><![CDATA[</r>]]></n>` +
        `<!-- </r> --></r>\n<!-- end -->\n`,
    ) as { r: Record<string, string> };
    expect(doc.r).toEqual({
      '@_xmlns': 'http://www.veeam.com/ent/v1.0',
      '@_a': 'x/>',
      '@_b': '>',
      n: '</r>',
    });
  });

  it('counts depth past anything that could hide a level: quoted />, CDATA, comments, empty elements', () => {
    const deep = (open: string) => `${open.repeat(65)}${'</a>'.repeat(65)}`;
    expect(malformed(deep('<a x="/>">'))).toMatch(/nested deeper than 64 levels/);
    expect(malformed(deep('<a><![CDATA[</a>]]>'))).toMatch(/nested deeper than 64 levels/);
    expect(malformed(deep('<a><!-- </a> -->'))).toMatch(/nested deeper than 64 levels/);
    expect(malformed(`${'<a>'.repeat(64)}<b/>${'</a>'.repeat(64)}`)).toMatch(/nested deeper than 64 levels/);
    expect(() => parseEmXml(`${'<a>'.repeat(63)}<b/>${'</a>'.repeat(63)}`)).not.toThrow();
  });

  it('refuses any DTD markup, and says where the rest went wrong in plain words', () => {
    expect(malformed(`<!ELEMENT r ANY><r/>`)).toMatch(/DTD not allowed/);
    expect(malformed(`<r><![INCLUDE[<a/>]]></r>`)).toMatch(/DTD not allowed/);
    expect(malformed(`<r ${NS}>\n<a>\n</b></r>`)).toBe(
      'response malformed: not XML (closing tag does not match the open element at line 3)',
    );
  });

  it('reads CDATA as written and text around comments and children as one trimmed text', () => {
    const doc = parseEmXml(
      `<r ${NS}><n><![CDATA[ a &amp; <b> ]]></n><m> x <!-- c --> y </m><k a="1"> t <i/> u </k></r>`,
    ) as { r: Record<string, unknown> };
    expect(doc.r).toMatchObject({ n: ' a &amp; <b> ', m: 'xy', k: { '@_a': '1', i: '', '#text': 'tu' } });
  });

  it('reads the list elements as lists at their paths only', () => {
    const doc = parseEmXml(
      `<QueryResult ${NS}><Entities><CloudFailoverSessions><CloudFailoverSession>` +
        '<CloudFailoverTasks><CloudFailoverTasks VmName="a"/></CloudFailoverTasks>' +
        '</CloudFailoverSession></CloudFailoverSessions>' +
        '<CloudFailoverPlans><CloudFailoverPlan><CloudFailoverPlanInfo><Includes>' +
        '<CloudFailoverPlanVm><Name>a</Name></CloudFailoverPlanVm><CloudFailoveredVm><Name>b</Name></CloudFailoveredVm>' +
        '</Includes></CloudFailoverPlanInfo></CloudFailoverPlan></CloudFailoverPlans>' +
        '<Other><CloudVmReplicaPoint/><Ref/></Other></Entities><Link/></QueryResult>',
    ) as { QueryResult: { Entities: Record<string, unknown>; Link: unknown } };
    const { Entities } = doc.QueryResult;
    expect(Entities).toMatchObject({
      CloudFailoverSessions: { CloudFailoverSession: [{ CloudFailoverTasks: { CloudFailoverTasks: [{}] } }] },
      CloudFailoverPlans: {
        CloudFailoverPlan: [
          {
            CloudFailoverPlanInfo: {
              Includes: { CloudFailoverPlanVm: [{ Name: 'a' }], CloudFailoveredVm: [{ Name: 'b' }] },
            },
          },
        ],
      },
      Other: { CloudVmReplicaPoint: '', Ref: '' },
    });
    expect(doc.QueryResult.Link).toBe('');
  });
});
