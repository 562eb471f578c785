// A tiny XML writer: element trees whose children may be lazy iterables, serialised as a stream of
// string chunks, so a list of a million references never sits in memory as one document. Every text
// and attribute value is escaped: names in the world may be hostile, and the output must stay
// well-formed whatever they contain.

export type XmlAttributeValue = string | number | boolean | undefined;

export interface XmlElement {
  readonly name: string;
  readonly attributes?: Readonly<Record<string, XmlAttributeValue>>;
  /** Child elements and text, in order. May be a generator (consumed once, when serialised). */
  readonly children?: Iterable<XmlElement | string>;
}

export function element(
  name: string,
  attributes?: Readonly<Record<string, XmlAttributeValue>>,
  children?: Iterable<XmlElement | string>,
): XmlElement {
  return { name, attributes, children };
}

/** `<Name>text</Name>`; an empty string gives `<Name />`, undefined gives nothing. */
export function textElement(name: string, text: string | number | boolean | undefined): XmlElement[] {
  if (text === undefined) return [];
  return [element(name, undefined, String(text) === '' ? undefined : [String(text)])];
}

// Characters XML 1.0 cannot carry at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F)
// become U+FFFD, as a tolerant server would do rather than emit a document nobody can parse.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// A raw CR in text reaches the reader as LF (XML end-of-line handling), so it is written as a reference.
const TEXT_SPECIALS = /[&<>\r]/g;
const ATTRIBUTE_SPECIALS = /[&<>"'\t\n\r]/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Escaped in attributes so that attribute-value normalisation keeps them (CR in text too).
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

function xmlChars(value: string): string {
  return value.replace(CONTROL_CHAR, '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');
}

export function escapeText(value: string): string {
  return xmlChars(value).replace(TEXT_SPECIALS, (c) => ENTITIES[c] as string);
}

export function escapeAttribute(value: string): string {
  return xmlChars(value).replace(ATTRIBUTE_SPECIALS, (c) => ENTITIES[c] as string);
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

function openTag(node: XmlElement, selfClosing: boolean): string {
  let tag = `<${node.name}`;
  for (const [key, value] of Object.entries(node.attributes ?? {})) {
    if (value !== undefined) tag += ` ${key}="${escapeAttribute(String(value))}"`;
  }
  return tag + (selfClosing ? ' />' : '>');
}

/** Serialises an element as string chunks (one or more per element). */
export function* serialize(node: XmlElement): Generator<string> {
  let opened = false;
  for (const child of node.children ?? []) {
    if (!opened) yield openTag(node, false);
    opened = true;
    if (typeof child === 'string') yield escapeText(child);
    else yield* serialize(child);
  }
  yield opened ? `</${node.name}>` : openTag(node, true);
}

/** A whole document: declaration plus root element. */
export function* xmlDocument(root: XmlElement): Generator<string> {
  yield XML_DECLARATION;
  yield* serialize(root);
}

export function xmlToString(root: XmlElement): string {
  return [...xmlDocument(root)].join('');
}
