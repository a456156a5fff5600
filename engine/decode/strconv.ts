/**
 * The number conversions upstream's lexer applies to a number token (Go's `strconv`
 * `ParseInt(s, 10, 64)`, `ParseUint(s, 10, 64)`, `ParseFloat(s, 64)`), with Go's error text:
 * `strconv.ParseInt: parsing "1.5": invalid syntax`, `...: value out of range`. Values
 * beyond 2^53 keep their range check but lose precision as JavaScript numbers.
 */

/** A converted number, or Go's error message for it. */
export type Converted = { readonly value: number; readonly err: null } | { readonly value: 0; readonly err: string };

const MAX_UINT64 = (1n << 64n) - 1n;
const INT64_CUTOFF = 1n << 63n;

function fail(fn: string, s: string, why: 'invalid syntax' | 'value out of range'): Converted {
  return { value: 0, err: `strconv.${fn}: parsing ${JSON.stringify(s)}: ${why}` };
}

/** Digits only, checked left to right: the first non-digit is a syntax error, the first overflow a range error. */
function unsigned(s: string): bigint | 'invalid syntax' | 'value out of range' {
  if (s === '') return 'invalid syntax';
  let n = 0n;
  for (const ch of s) {
    if (ch < '0' || ch > '9') return 'invalid syntax';
    n = n * 10n + BigInt(ch.charCodeAt(0) - 48);
    if (n > MAX_UINT64) return 'value out of range';
  }
  return n;
}

/** `strconv.ParseUint(s, 10, 64)`: no sign allowed. */
export function parseUint64(s: string): Converted {
  const n = unsigned(s);
  return typeof n === 'string' ? fail('ParseUint', s, n) : { value: Number(n), err: null };
}

/** `strconv.ParseInt(s, 10, 64)`: an optional `+` or `-`, then digits. */
export function parseInt64(s: string): Converted {
  if (s === '') return fail('ParseInt', s, 'invalid syntax');
  const neg = s[0] === '-';
  const n = unsigned(s[0] === '+' || s[0] === '-' ? s.slice(1) : s);
  if (n === 'invalid syntax') return fail('ParseInt', s, n);
  if (n === 'value out of range' || (!neg && n >= INT64_CUTOFF) || (neg && n > INT64_CUTOFF)) return fail('ParseInt', s, 'value out of range');
  return { value: Number(neg ? -n : n), err: null };
}

const FLOAT_SYNTAX = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `strconv.ParseFloat(s, 64)` for the characters a number token can hold: out of range is ±Inf. */
export function parseFloat64(s: string): Converted {
  if (!FLOAT_SYNTAX.test(s)) return fail('ParseFloat', s, 'invalid syntax');
  const v = Number(s);
  return Number.isFinite(v) ? { value: v, err: null } : fail('ParseFloat', s, 'value out of range');
}
