import { UpstreamError } from '../http/upstream-error.ts';

/**
 * Elements that are lists even when the upstream sends exactly one (the isArray trap): at exact
 * paths, and under a given parent at any depth. Names are compared, never joined into a path, so
 * that no element costs more than its own name however long the names above it.
 */
const LIST_PATHS = [
  'EntityReferences.Ref',
  'QueryResult.Refs.Ref',
  'QueryResult.Entities.CloudFailoverSessions.CloudFailoverSession',
  'QueryResult.Entities.CloudVmReplicaPoints.CloudVmReplicaPoint',
  'QueryResult.Entities.CloudFailoverPlans.CloudFailoverPlan',
].map((p) => p.split('.'));
const LIST_PARENTS = new Map([
  ['Link', new Set(['Links'])],
  ['CloudFailoverTasks', new Set(['CloudFailoverTasks'])],
  ['CloudFailoverPlanVm', new Set(['Includes'])],
  ['CloudFailoveredVm', new Set(['Includes'])],
]);
const LIST_TAGS = new Set([...LIST_PATHS.map((p) => p[p.length - 1]!), ...LIST_PARENTS.keys()]);

/** Whether an element `name` inside the open elements `parents` is a list element. */
function isList(parents: readonly Open[], name: string): boolean {
  if (!LIST_TAGS.has(name)) return false;
  const depth = parents.length;
  if (depth > 0 && LIST_PARENTS.get(name)?.has(parents[depth - 1]!.name)) return true;
  return LIST_PATHS.some(
    (path) => path.length === depth + 1 && path.every((n, i) => n === (i < depth ? parents[i]!.name : name)),
  );
}

/** A reason a body is not read; parseEmXml makes it a `malformed_response`. */
class NotXml extends Error {}

/** Element names refused: they would reach an object's prototype, or are the key of an element's text. */
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype', '#text']);
/** Element names kept as `__name`, so that no element shadows `toString` and the like (as fast-xml-parser did). */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The key an element is kept under; a reserved name is refused. */
function keyOf(name: string): string {
  if (RESERVED_NAMES.has(name)) throw new NotXml(`an element named ${name}`);
  // Not XML names: an attribute's key (`@_a`), or none at all.
  if (name === '' || name.startsWith('@')) throw new NotXml('an element without a proper name');
  return PROTOTYPE_NAMES.has(name) ? `__${name}` : name;
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
 * More references than any real Enterprise Manager page carries: a flood of them (`&#65;` or
 * `&amp;`) costs seconds of decoding and hundreds of megabytes, so it is refused before reading.
 * Every `&` counts (a page of 500 items carries a handful).
 */
const MAX_REFS = 100_000;

function countRefs(text: string): number {
  let n = 0;
  for (let i = text.indexOf('&'); i !== -1 && n <= MAX_REFS; i = text.indexOf('&', i + 1)) n++;
  return n;
}

const MAX_DEPTH = 64;
const SLASH = 0x2f;
const GT = 0x3e;
const QUESTION = 0x3f;
const BANG = 0x21;
const EQUALS = 0x3d;

/** XML white space, and the byte order mark a body may start with. */
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;

function blank(text: string, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (!isSpace(text.charCodeAt(j))) return false;
  return true;
}

/** Index of the `>` (or `?>`) ending a tag, skipping quoted values; -1 if none. */
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

function notXml(reason: string, text: string, at: number): NotXml {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return new NotXml(`not XML (${reason} at line ${line})`);
}

type XmlObject = Record<string, unknown>;

/** An element being read: its attributes and children (made at the first), and its text. */
interface Open {
  name: string;
  key: string;
  node: XmlObject | undefined;
  text: string;
}

/**
 * The attributes of a start tag (`a="1" b='2'`, between `from` and `to`) as `@_a` and `@_b`, or
 * undefined when it has none. Values are trimmed and decoded; a repeated attribute's last value
 * wins, a valueless or unquoted one is dropped.
 */
function readAttributes(text: string, from: number, to: number): XmlObject | undefined {
  let node: XmlObject | undefined;
  let i = from;
  while (i < to) {
    while (i < to && isSpace(text.charCodeAt(i))) i++;
    const nameStart = i;
    while (i < to && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== EQUALS) i++;
    const name = text.slice(nameStart, i);
    while (i < to && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== EQUALS) continue; // valueless: dropped
    i++;
    while (i < to && isSpace(text.charCodeAt(i))) i++;
    const quote = text[i];
    if (quote !== '"' && quote !== "'") continue; // unquoted: dropped, as the name it runs into
    const close = text.indexOf(quote, i + 1);
    if (close === -1 || close > to) break;
    if (name) (node ??= {})[`@_${name}`] = decodeEntities(text.slice(i + 1, close).trim());
    i = close + 1;
  }
  return node;
}

/**
 * Adds a read element's value to the innermost open element, or to the document: a list element
 * always as a list, a repeated one as one.
 */
function addChild(open: Open[], doc: XmlObject, name: string, key: string, value: unknown): void {
  const parent = open[open.length - 1];
  const into = parent ? (parent.node ??= {}) : doc;
  if (!Object.hasOwn(into, key)) {
    into[key] = isList(open, name) ? [value] : value;
    return;
  }
  const had = into[key];
  if (Array.isArray(had)) had.push(value);
  else into[key] = [had, value];
}

/**
 * Reads a whole document into objects, checking its structure as it goes: one pass over the
 * markup, refusing any DTD markup (`<!` other than a comment or CDATA), nesting deeper than
 * MAX_DEPTH, a truncated body (unclosed elements or markup), mismatched closing tags, and text or
 * a second element beside the root. An element is its text when it has neither attributes nor
 * children, else an object of `@_`-prefixed attributes, children by name and its text as `#text`.
 * Text is trimmed and decoded, CDATA kept as written; comments and processing instructions are
 * skipped.
 */
function readXml(text: string): XmlObject {
  const open: Open[] = [];
  const doc: XmlObject = {};
  let roots = 0;
  let last = 0; // just after the previous markup
  const addText = (el: Open, from: number, to: number) => {
    const t = text.slice(from, to).trim();
    if (t) el.text += decodeEntities(t);
  };
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', last)) {
    const current = open[open.length - 1];
    if (current) addText(current, last, i);
    else if (!blank(text, last, i)) throw notXml('text outside the root element', text, i);
    const next = text.charCodeAt(i + 1);
    let end: number;
    if (next === SLASH) {
      end = text.indexOf('>', i);
      if (end === -1) throw notXml('markup not closed (a truncated body?)', text, i);
      const el = open.pop();
      const nameEnd = i + 2 + (el?.name.length ?? 0);
      if (!el || nameEnd > end || !text.startsWith(el.name, i + 2) || !blank(text, nameEnd, end))
        throw notXml('closing tag does not match the open element', text, i);
      if (el.node && el.text) el.node['#text'] = el.text;
      addChild(open, doc, el.name, el.key, el.node ?? el.text);
    } else if (next === QUESTION) {
      end = tagEnd(text, i + 2, true);
    } else if (next === BANG) {
      const comment = text.startsWith('--', i + 2);
      // Anything else after `<!` is DTD markup: <!DOCTYPE, <!ENTITY, <!ELEMENT, <![INCLUDE[…
      if (!comment && !text.startsWith('[CDATA[', i + 2)) throw new NotXml('DTD not allowed');
      if (!comment && !current) throw notXml('text outside the root element', text, i);
      const close = comment ? text.indexOf('-->', i + 4) : text.indexOf(']]>', i + 9);
      end = close === -1 ? -1 : close + 2;
      if (!comment && current && close !== -1) current.text += text.slice(i + 9, close);
    } else {
      if (!current && ++roots > 1) throw notXml('more than one root element', text, i);
      if (open.length >= MAX_DEPTH) throw new NotXml(`nested deeper than ${MAX_DEPTH} levels`);
      end = tagEnd(text, i + 1, false);
      if (end !== -1) {
        const empty = text.charCodeAt(end - 1) === SLASH;
        const tagTo = empty ? end - 1 : end;
        let nameEnd = i + 1;
        while (nameEnd < tagTo && !isSpace(text.charCodeAt(nameEnd))) nameEnd++;
        const name = text.slice(i + 1, nameEnd);
        const key = keyOf(name);
        const node = readAttributes(text, nameEnd, tagTo);
        if (empty) addChild(open, doc, name, key, node ?? '');
        else open.push({ name, key, node, text: '' });
      }
    }
    if (end === -1) throw notXml('markup not closed (a truncated body?)', text, i);
    last = end + 1;
  }
  if (open.length > 0) throw notXml('element not closed (a truncated body?)', text, text.length);
  if (roots === 0) throw notXml('no root element', text, 0);
  if (!blank(text, last, text.length)) throw notXml('text after the root element', text, last);
  return doc;
}

/** Parses an Enterprise Manager body; any problem is a `malformed_response` with a plain reason. */
export function parseEmXml(text: string): Record<string, unknown> {
  if (countRefs(text) > MAX_REFS) {
    throw new UpstreamError(
      'malformed_response',
      `response malformed: more than ${MAX_REFS} entity or character references (a reference flood)`,
    );
  }
  try {
    return readXml(text);
  } catch (err) {
    if (err instanceof NotXml)
      throw new UpstreamError('malformed_response', `response malformed: ${err.message}`);
    throw err;
  }
}
