/**
 * The pieces of Go's `encoding/json` encoder that upstream's request bodies go through:
 * string quoting (HTML-safe, as `json.Marshal` always is) and the compaction a
 * `json.RawMessage` gets when it is marshalled.
 */

const HTML: Readonly<Record<string, string>> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** A string as `json.Marshal` writes it (`<`, `>`, `&`, U+2028 and U+2029 escaped). */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => HTML[c] as string);
}

/**
 * `json.Compact` with HTML escaping, as `json.Marshal` applies it to a `json.RawMessage`
 * that is already known to be valid: white space outside strings removed, number
 * literals and escapes kept as written.
 */
export function goCompact(raw: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (inString) {
      if (c === '\\') {
        out += c + (raw[++i] ?? '');
        continue;
      }
      if (c === '"') inString = false;
      out += HTML[c] ?? c;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (c === '"') inString = true;
    out += c;
  }
  return out;
}
