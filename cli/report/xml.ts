/**
 * A small XML writer: elements with attributes and text, escaped, and characters XML 1.0
 * cannot hold (most control characters, lone surrogates) dropped, so a message from any
 * run always gives a well-formed document.
 */

/** An element: name, attributes (in order; undefined ones left out), children or text. */
export interface XmlElement {
  readonly name: string;
  readonly attrs?: Readonly<Record<string, string | number | undefined>>;
  readonly children?: readonly XmlElement[];
  readonly text?: string;
}

/** Text as XML 1.0 can hold it: allowed characters only (tab, newlines, and printable ranges; surrogate pairs kept). */
export function xmlSafe(s: string): string {
  return s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

function escape(s: string, attr: boolean): string {
  const t = xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attr ? t.replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;') : t;
}

/** The element and its children, indented two spaces per level. */
export function renderXml(e: XmlElement, depth = 0): string {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(e.attrs ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escape(String(v), true)}"`)
    .join('');
  if (e.text !== undefined) return `${pad}<${e.name}${attrs}>${escape(e.text, false)}</${e.name}>\n`;
  const kids = e.children ?? [];
  if (kids.length === 0) return `${pad}<${e.name}${attrs}/>\n`;
  return `${pad}<${e.name}${attrs}>\n${kids.map((k) => renderXml(k, depth + 1)).join('')}${pad}</${e.name}>\n`;
}

/** A whole document: the XML declaration, then `root`. */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderXml(root)}`;
}
