/**
 * Bad input: flags, scenario files, repro files. The CLI prints the one-line message
 * and exits with code 2, writing no file.
 */
import type { z } from 'zod';

/** A user error, phrased as one line naming the field and what is allowed. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Longest message line printed for bad input (a path or a key can be long). */
const MAX_LINE = 1000;

/**
 * A message as exactly one printable line: control characters (a newline in a file name,
 * an escape sequence) are shown escaped, and an overlong line is clipped.
 */
export function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return flat.length > MAX_LINE ? `${flat.slice(0, MAX_LINE - 1)}…` : flat;
}

/** A key of a file's object as shown in a message: plain keys as they are, anything else only by its length. */
function shownKey(k: PropertyKey): string {
  const s = String(k);
  return /^[A-Za-z0-9_$.-]{1,64}$/.test(s) ? s : `<a key of ${s.length} characters>`;
}

/** Turns a zod error into one line: `<what>: <path>: <problem>` (first issue only; no value of the input is echoed). */
export function describeZodError(what: string, err: z.ZodError): string {
  const issue = err.issues[0];
  if (issue === undefined) return `${what}: invalid`;
  const path = issue.path.length > 0 ? issue.path.map(shownKey).join('.') : '(top level)';
  let msg = issue.message;
  if (issue.code === 'unrecognized_keys') msg = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.slice(0, 5).map((k) => `"${shownKey(k)}"`).join(', ')}${issue.keys.length > 5 ? ', …' : ''}`;
  return oneLine(`${what}: ${path}: ${msg}`);
}

/**
 * Validates untrusted parsed input against a schema; any problem, a pathologically deep
 * value included, is an {@link InputError} naming the field (`what` prefixes it).
 */
export function validateInput<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  let r: ReturnType<z.ZodType<T>['safeParse']>;
  try {
    r = schema.safeParse(raw);
  } catch (e) {
    if (e instanceof RangeError) throw new InputError(`${what}: nested too deeply`);
    throw e;
  }
  if (!r.success) throw new InputError(describeZodError(what, r.error));
  return r.data;
}
