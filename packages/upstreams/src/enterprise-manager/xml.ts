import { XMLParser } from 'fast-xml-parser';
import { UpstreamError } from '../http/upstream-error.ts';

/**
 * Elements that are lists even when the upstream sends exactly one (the isArray trap): exact
 * jpaths, and jpath endings that are lists at any depth. Looked up by tag name first, so every
 * other element costs one Set lookup.
 */
const LIST_JPATHS = new Set([
  'EntityReferences.Ref',
  'QueryResult.Refs.Ref',
  'QueryResult.Entities.CloudFailoverSessions.CloudFailoverSession',
  'QueryResult.Entities.CloudVmReplicaPoints.CloudVmReplicaPoint',
  'QueryResult.Entities.CloudFailoverPlans.CloudFailoverPlan',
]);
const LIST_ENDINGS = [
  '.Links.Link',
  '.CloudFailoverTasks.CloudFailoverTasks',
  '.Includes.CloudFailoverPlanVm',
  '.Includes.CloudFailoveredVm',
];
const LIST_TAGS = new Set([...LIST_JPATHS, ...LIST_ENDINGS].map((p) => p.slice(p.lastIndexOf('.') + 1)));

/** `jpath` is the parser's path object (`jPath: false`); String() gives the dotted path. */
function isList(name: string, jpath: unknown): boolean {
  if (!LIST_TAGS.has(name)) return false;
  const path = String(jpath);
  return LIST_JPATHS.has(path) || LIST_ENDINGS.some((end) => path.endsWith(end));
}

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
 * reserved and dangerous names refused. Entities: the parser's own handling is off; only the five
 * predefined entities and numeric references are decoded, here, so that `R&amp;D` reads `R&D`
 * (decision 002). `jPath: false` hands callbacks the parser's path object instead of a path string
 * built for every element, value and attribute; `isList` builds the string for list tags only.
 * DTDs, depth and structure are checked before the parser, by `structureProblem`.
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
  jPath: false,
  tagValueProcessor: (_name, value) => decodeEntities(value),
  attributeValueProcessor: (_name, value) => decodeEntities(value),
  isArray: isList,
});

/**
 * More character references than any real Enterprise Manager page carries: a numeric-reference
 * flood costs seconds of parsing and hundreds of megabytes, so it is refused before the parser.
 */
const MAX_CHAR_REFS = 100_000;

function countCharRefs(text: string): number {
  let n = 0;
  for (let i = text.indexOf('&#'); i !== -1 && n <= MAX_CHAR_REFS; i = text.indexOf('&#', i + 2)) n++;
  return n;
}

const MAX_DEPTH = 64;
const SLASH = 0x2f;
const GT = 0x3e;
const QUESTION = 0x3f;
const BANG = 0x21;

/** XML white space, and the byte order mark a body may start with. */
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;

function blank(text: string, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (!isSpace(text.charCodeAt(j))) return false;
  return true;
}

/** Index of the `>` (or `?>`) ending a tag, skipping quoted values as the parser does; -1 if none. */
function tagEnd(text: string, from: number, pi: boolean): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      j = text.indexOf(text[j]!, j + 1);
      if (j === -1) return -1;
    } else if (c === GT && (!pi || text.charCodeAt(j - 1) === QUESTION)) return j;
  }
  return -1;
}

function notXml(reason: string, text: string, at: number): string {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return `not XML (${reason} at line ${line})`;
}

/**
 * Why a body is refused before the parser, or undefined. One pass over the markup, cut where the
 * parser cuts it (comments, CDATA, processing instructions, quoted attribute values), refusing
 * DTDs, nesting deeper than MAX_DEPTH, and what fast-xml-parser reads without complaint: a
 * truncated body, unclosed or mismatched elements, text or a second element beside the root.
 */
function structureProblem(text: string): string | undefined {
  const open: string[] = [];
  let roots = 0;
  let last = 0; // just after the previous markup
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', last)) {
    if (open.length === 0 && !blank(text, last, i)) return notXml('text outside the root element', text, i);
    const next = text.charCodeAt(i + 1);
    let end: number;
    if (next === SLASH) {
      end = text.indexOf('>', i);
      const name = open.pop();
      if (
        end !== -1 &&
        (name === undefined || !text.startsWith(name, i + 2) || !blank(text, i + 2 + name.length, end))
      )
        return notXml('closing tag does not match the open element', text, i);
    } else if (next === QUESTION) {
      end = tagEnd(text, i + 2, true);
    } else if (next === BANG) {
      const comment = text.startsWith('--', i + 2);
      // Anything else after `<!` is DTD markup: <!DOCTYPE, <!ENTITY, <!ELEMENT, <![INCLUDE[…
      if (!comment && !text.startsWith('[CDATA[', i + 2)) return 'DTD not allowed';
      if (!comment && open.length === 0) return notXml('text outside the root element', text, i);
      const close = comment ? text.indexOf('-->', i + 4) : text.indexOf(']]>', i + 9);
      end = close === -1 ? -1 : close + 2;
    } else {
      if (open.length === 0 && ++roots > 1) return notXml('more than one root element', text, i);
      if (open.length >= MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`;
      end = tagEnd(text, i + 1, false);
      if (end !== -1 && text.charCodeAt(end - 1) !== SLASH) {
        let nameEnd = i + 1;
        while (nameEnd < end && !isSpace(text.charCodeAt(nameEnd))) nameEnd++;
        open.push(text.slice(i + 1, nameEnd));
      }
    }
    if (end === -1) return notXml('markup not closed (a truncated body?)', text, i);
    last = end + 1;
  }
  if (open.length > 0) return notXml('element not closed (a truncated body?)', text, text.length);
  if (roots === 0) return notXml('no root element', text, 0);
  if (!blank(text, last, text.length)) return notXml('text after the root element', text, last);
  return undefined;
}

/** Parses an Enterprise Manager body; any problem is a `malformed_response` with a plain reason. */
export function parseEmXml(text: string): Record<string, unknown> {
  const problem = structureProblem(text);
  if (problem) throw new UpstreamError('malformed_response', `response malformed: ${problem}`);
  if (countCharRefs(text) > MAX_CHAR_REFS) {
    throw new UpstreamError(
      'malformed_response',
      `response malformed: more than ${MAX_CHAR_REFS} character references (a reference flood)`,
    );
  }
  try {
    return parser.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new UpstreamError('malformed_response', `response malformed: ${(err as Error).message}`);
  }
}
