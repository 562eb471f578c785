import { describe, expect, it } from 'vitest';
import { element, serialize, xmlToString } from '../src/xml/xml-writer.ts';
import { parseXml } from './helpers/em-client.ts';

describe('the XML writer', () => {
  it('keeps hostile names literal and the document well-formed', () => {
    const hostile = `<script>alert(1)</script> "quoted" & 'single' R&amp;D`;
    const xml = xmlToString(
      element('Plan', { Name: hostile }, [element('Description', undefined, [hostile])]),
    );
    const plan = parseXml(xml).Plan as Record<string, unknown>;
    expect(plan['@_Name']).toBe(hostile);
    expect(plan.Description).toBe(hostile);
  });

  it('replaces characters XML cannot carry and keeps line breaks in attributes', () => {
    const xml = xmlToString(element('Vm', { Name: 'a\u0000b\u001bc\uD800d\r\ne\tf' }, ['x\u0008y']));
    expect(xml).toContain('Name="a\uFFFDb\uFFFDc\uFFFDd&#13;&#10;e&#9;f"');
    expect(xml).toContain('>x\uFFFDy</Vm>');
    expect(() => parseXml(xml)).not.toThrow();
  });

  it('streams lazily: children are produced only as the output is read', () => {
    let produced = 0;
    function* children() {
      for (let i = 0; i < 1_000_000; i++) {
        produced++;
        yield element('Ref', { N: i });
      }
    }
    const chunks = serialize(element('List', undefined, children()));
    for (let i = 0; i < 4; i++) chunks.next();
    expect(produced).toBeLessThan(5);
  });
});
