/**
 * Go's `encoding/json` syntax check (`checkValid`, `scanner.go`) for a single JSON scalar,
 * with Go's error text: `invalid character ' ' after decimal point in numeric literal`,
 * `invalid character 'q' in string escape code`, `invalid character '1' after top-level
 * value`. Upstream meets it when a bucket that easyjson passed through unchecked (a number
 * or string token, or a stray `}` or `]`) reaches `Bucket.UnmarshalJSON`; arrays and
 * objects arrive already validated, so only those are checked here.
 */

const SHORT: Readonly<Record<number, string>> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

/** Go's `quoteChar`: a byte as it appears in a syntax error. */
export function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return `'"'`;
  if (c === 0x5c) return "'\\\\'";
  if (SHORT[c] !== undefined) return `'${SHORT[c]}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  // Go turns the byte into the rune of that value: Latin-1, quoted when not printable.
  if (c >= 0x80 && (c <= 0xa0 || c === 0xad)) return `'\\u00${c.toString(16)}'`;
  return `'${String.fromCharCode(c)}'`;
}

const invalid = (c: number, context: string): string => `invalid character ${quoteChar(c)} ${context}`;
const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isHex = (c: number | undefined): boolean => c !== undefined && (isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46));
/** At the end of input Go's scanner steps a space through the last state. */
const SPACE = 0x20;

/** The number grammar, byte by byte; null when `b` is a whole valid number. */
function numberError(b: Uint8Array): string | null {
  let i = 0;
  const at = (): number => (i < b.length ? (b[i] as number) : SPACE);
  if (at() === 0x2d) i++;
  if (at() === 0x30) i++;
  else if (isDigit(at())) while (isDigit(b[i])) i++;
  else return invalid(at(), 'in numeric literal');
  if (at() === 0x2e) {
    i++;
    if (!isDigit(at())) return invalid(at(), 'after decimal point in numeric literal');
    while (isDigit(b[i])) i++;
  }
  if (at() === 0x65 || at() === 0x45) {
    i++;
    if (at() === 0x2b || at() === 0x2d) i++;
    if (!isDigit(at())) return invalid(at(), 'in exponent of numeric literal');
    while (isDigit(b[i])) i++;
  }
  return i < b.length ? invalid(b[i] as number, 'after top-level value') : null;
}

/** A string literal (quotes included); null when valid. Invalid UTF-8 is accepted, as in Go. */
function stringError(b: Uint8Array): string | null {
  for (let i = 1; i < b.length - 1; i++) {
    const c = b[i] as number;
    if (c < 0x20) return invalid(c, 'in string literal');
    if (c !== 0x5c) continue;
    const e = b[++i] as number;
    if (e === 0x75) {
      for (let k = 1; k <= 4; k++) if (!isHex(b[i + k])) return invalid(b[i + k] ?? SPACE, 'in \\u hexadecimal character escape');
      i += 4;
    } else if (!'"\\/bfnrt'.includes(String.fromCharCode(e))) return invalid(e, 'in string escape code');
  }
  return null;
}

/** Go's syntax error text for the scalar `raw`, or null when it is valid JSON. */
export function scalarSyntaxError(raw: string): string | null {
  const b = new TextEncoder().encode(raw);
  if (b[0] === 0x22) return stringError(b);
  if (b[0] === 0x2d || isDigit(b[0])) return numberError(b);
  // A closing delimiter passed through as a lone token.
  if (b[0] === 0x7d || b[0] === 0x5d) return invalid(b[0], 'looking for beginning of value');
  return null;
}
