/**
 * Bug signatures: what identifies a bug rather than a seed. A signature is the property
 * followed by the code path that produced the violation (`block-lifecycle: ReadRaw:
 * error response without free; last answer by flushRead`); two runs with the same
 * signature show the same bug. Properties set {@link Violation.signature} from typed
 * facts; {@link signatureOf} gives every violation one (a generic fallback for a
 * property that sets none).
 */
import type { Violation } from './violation.ts';

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Replaces every run of decimal digits with `*`, so that names which differ only by
 * their ids or counters (`worker-3`, `blk12.ch`, `flush-41-read`) read the same:
 * `worker-*`, `blk*.ch`, `flush-*-read`.
 */
export function normaliseIds(s: string): string {
  let out = '';
  let inRun = false;
  for (let i = 0; i < s.length; i++) {
    if (isDigit(s.charCodeAt(i))) {
      if (!inRun) out += '*';
      inRun = true;
    } else {
      out += s[i];
      inRun = false;
    }
  }
  return out;
}

/** `property: detail`, the shape of every signature. */
export function signature(property: string, detail: string): string {
  return `${property}: ${detail}`;
}

/**
 * The violation's signature: the one its property set, or (for a property that sets
 * none) the property and its message with ids normalised away.
 */
export function signatureOf(v: Violation): string {
  return v.signature ?? signature(v.property, normaliseIds(v.message));
}

/** The violation with its signature filled in. */
export function withSignature(v: Violation): Violation {
  return v.signature !== undefined ? v : { ...v, signature: signatureOf(v) };
}
