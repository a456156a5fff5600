/**
 * The YAML tests' assertions: looking up a path in a response, `match` with regex and
 * numeric tolerance, `is_true`/`is_false`, `length` and comparisons.
 */
/** Splits a dotted path; `\.` is a literal dot. */
export function splitPath(path: string): string[] {
  if (path === '' || path === '$body') return [];
  return path.split(/(?<!\\)\./).map((p) => p.replace(/\\\./g, '.'));
}

/** Value at a dotted path in a response (undefined when absent). */
export function valueAt(root: unknown, path: string): unknown {
  let cur = root;
  for (const part of splitPath(path)) {
    if (Array.isArray(cur) && /^\d+$/.test(part)) cur = cur[Number(part)];
    else if (cur !== null && typeof cur === 'object' && Object.hasOwn(cur, part)) cur = (cur as Record<string, unknown>)[part];
    else return undefined;
  }
  return cur;
}

/** Converts a `/.../` expectation (Java COMMENTS mode: unescaped whitespace and `#` comments ignored) into a RegExp. */
export function commentsRegex(src: string): RegExp {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      out += c + (src[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (!/\s/.test(c)) out += c;
  }
  return new RegExp(out, 's');
}

/** Whether a string is a `/regex/` expectation. */
export function isRegexLiteral(v: unknown): v is string {
  return typeof v === 'string' && /^\s*\/[\s\S]*\/\s*$/.test(v) && v.trim().length >= 2;
}

/** Deep equality for `match` (numbers by value, objects with the same keys). */
export function deepMatch(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'number' && typeof expected === 'number') return actual === expected;
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => deepMatch(actual[i], e));
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const ek = Object.keys(expected), ak = Object.keys(actual);
    return ek.length === ak.length && ek.every((k) => deepMatch((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k]));
  }
  return actual === expected;
}

/** Truthiness for `is_true`/`is_false`. */
export function isTruthy(v: unknown): boolean {
  return !(v === undefined || v === null || v === false || v === 0 || v === '' || v === 'false');
}

/** Length for `length`. */
export function lengthOf(v: unknown): number | undefined {
  if (Array.isArray(v) || typeof v === 'string') return v.length;
  if (v !== null && typeof v === 'object') return Object.keys(v).length;
  return undefined;
}
