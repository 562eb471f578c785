import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UpstreamError } from '../http/upstream-error.ts';

/** Elements that are lists even when the upstream sends exactly one (the isArray trap). */
const LIST_PATHS = [
  /\.Links\.Link$/,
  /^EntityReferences\.Ref$/,
  /^QueryResult\.Refs\.Ref$/,
  /^QueryResult\.Entities\.CloudFailoverSessions\.CloudFailoverSession$/,
  /^QueryResult\.Entities\.CloudVmReplicaPoints\.CloudVmReplicaPoint$/,
  /^QueryResult\.Entities\.CloudFailoverPlans\.CloudFailoverPlan$/,
  /\.CloudFailoverTasks\.CloudFailoverTasks$/,
  /\.Includes\.(CloudFailoverPlanVm|CloudFailoveredVm)$/,
];

const MAX_DEPTH = 64;

/** The five predefined entities and numeric references, decoded in one pass (so `&amp;#65;` stays `&#65;`). */
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,8})|#x([0-9a-fA-F]{1,8}));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(
    ENTITY,
    (_m, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
      if (named) return NAMED[named]!;
      const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
      // Out-of-range, NUL and surrogate code points become U+FFFD instead of throwing (CVE-2026-25128).
      const valid = cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
      return valid ? String.fromCodePoint(cp) : '\uFFFD';
    },
  );
}

/**
 * Configured once (house style, XML-05): attributes kept, no value coercion (zod does that),
 * nesting capped, reserved and dangerous names refused. Entities: DTDs are refused before parsing,
 * and the parser's own entity handling is off; only the five predefined entities and numeric
 * references are decoded, here, so that `R&amp;D` reads `R&D` (decision 002).
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: false,
  htmlEntities: false,
  strictReservedNames: true,
  tagValueProcessor: (_name, value) => decodeEntities(value),
  attributeValueProcessor: (_name, value) => decodeEntities(value),
  updateTag: (name, jpath) => {
    if (typeof jpath === 'string' && jpath.split('.').length > MAX_DEPTH) {
      throw new Error(`nested deeper than ${MAX_DEPTH} levels`);
    }
    return name;
  },
  isArray: (_name, jpath) => typeof jpath === 'string' && LIST_PATHS.some((p) => p.test(jpath)),
});

const DTD = /<!(DOCTYPE|ENTITY)/i;

/**
 * More character references than any real Enterprise Manager page carries: a numeric-reference
 * flood costs seconds of parsing and hundreds of megabytes, so it is refused before the parser.
 */
const MAX_CHAR_REFS = 100_000;

/**
 * Whether elements nest deeper than MAX_DEPTH, by one cheap scan of the tags, so a
 * 100,000-level document is refused before the validator walks it. (The parser's own check in
 * `updateTag` stays the authority for documents that pass.)
 */
function nestedTooDeep(text: string): boolean {
  let depth = 0;
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next === 0x2f /* / */) depth--;
    else if (next !== 0x3f /* ? */ && next !== 0x21 /* ! */) {
      const end = text.indexOf('>', i);
      if (end !== -1 && text.charCodeAt(end - 1) === 0x2f) continue; // <empty/>
      if (++depth > MAX_DEPTH) return true;
    }
  }
  return false;
}

function countCharRefs(text: string): number {
  let n = 0;
  for (let i = text.indexOf('&#'); i !== -1 && n <= MAX_CHAR_REFS; i = text.indexOf('&#', i + 2)) n++;
  return n;
}

/** Parses an Enterprise Manager body; any problem is a `malformed_response` with a plain reason. */
export function parseEmXml(text: string): Record<string, unknown> {
  if (DTD.test(text)) throw new UpstreamError('malformed_response', 'response malformed: DTD not allowed');
  if (nestedTooDeep(text)) {
    throw new UpstreamError(
      'malformed_response',
      `response malformed: nested deeper than ${MAX_DEPTH} levels`,
    );
  }
  if (countCharRefs(text) > MAX_CHAR_REFS) {
    throw new UpstreamError(
      'malformed_response',
      `response malformed: more than ${MAX_CHAR_REFS} character references (a reference flood)`,
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new UpstreamError(
      'malformed_response',
      `response malformed: not XML (${valid.err.msg} at line ${valid.err.line})`,
    );
  }
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new UpstreamError('malformed_response', `response malformed: ${(err as Error).message}`);
  }
  if (Object.keys(doc).length !== 1) {
    throw new UpstreamError('malformed_response', 'response malformed: expected exactly one root element');
  }
  return doc;
}
