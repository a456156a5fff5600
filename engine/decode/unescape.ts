/**
 * String-literal unescaping as upstream's lexer does it (easyjson `jlexer`,
 * `unescapeStringToken` / `decodeEscape`): the eight JSON escapes and `\uXXXX`, a valid
 * surrogate pair joined, any other surrogate replaced by U+FFFD; anything else is an error
 * with jlexer's reason text.
 */

const BACKSLASH = 0x5c;
const encoder = new TextEncoder();

const SIMPLE: Readonly<Record<number, number>> = {
  0x22: 0x22, // \"
  0x2f: 0x2f, // \/
  0x5c: 0x5c, // \\
  0x62: 0x08, // \b
  0x66: 0x0c, // \f
  0x6e: 0x0a, // \n
  0x72: 0x0d, // \r
  0x74: 0x09, // \t
};

/** The code unit of `\uXXXX` at `at`, or -1 when there is none. */
function hex4(b: Uint8Array, at: number): number {
  if (b.length - at < 6 || b[at] !== BACKSLASH || b[at + 1] !== 0x75) return -1;
  let v = 0;
  for (let i = at + 2; i < at + 6; i++) {
    const c = b[i] as number;
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (d < 0) return -1;
    v = (v << 4) | d;
  }
  return v;
}

const isSurrogate = (u: number): boolean => u >= 0xd800 && u < 0xe000;

/** One escape at `at` (a backslash): the code point and the bytes it used, or jlexer's reason. */
function decodeEscape(b: Uint8Array, at: number): { cp: number; used: number } | string {
  if (b.length - at < 2) return 'incorrect escape symbol \\ at the end of token';
  const c = b[at + 1] as number;
  const simple = SIMPLE[c];
  if (simple !== undefined) return { cp: simple, used: 2 };
  if (c !== 0x75) return 'incorrectly escaped bytes';
  const hi = hex4(b, at);
  if (hi < 0) return 'incorrectly escaped \\uXXXX sequence';
  if (!isSurrogate(hi)) return { cp: hi, used: 6 };
  const lo = hex4(b, at + 6);
  if (hi < 0xdc00 && lo >= 0xdc00 && lo < 0xe000) return { cp: 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00), used: 12 };
  return { cp: 0xfffd, used: 6 };
}

/** The unescaped bytes of a string token's content, or jlexer's reason for refusing it. */
export function unescape(b: Uint8Array): Uint8Array | string {
  if (!b.includes(BACKSLASH)) return b;
  const out: number[] = [];
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c !== BACKSLASH) {
      out.push(c);
      i++;
      continue;
    }
    const e = decodeEscape(b, i);
    if (typeof e === 'string') return e;
    for (const x of encoder.encode(String.fromCodePoint(e.cp))) out.push(x);
    i += e.used;
  }
  return Uint8Array.from(out);
}
