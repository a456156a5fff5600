/**
 * Bad input: flags, scenario files, repro files. The CLI prints the one-line message
 * and exits with code 2, writing no file.
 */
import type { z } from 'zod';

/** A user error, phrased as one line naming the field and what is allowed. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Turns a zod error into one line: `<what>: <path>: <problem>` (first issue only). */
export function describeZodError(what: string, err: z.ZodError): string {
  const issue = err.issues[0];
  if (issue === undefined) return `${what}: invalid`;
  const path = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  let msg = issue.message;
  if (issue.code === 'unrecognized_keys') msg = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${what}: ${path}: ${msg}`;
}
