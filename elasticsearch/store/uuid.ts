/**
 * Deterministic ids for the fake: index uuids and auto-generated document ids from a hash
 * and a counter, never from randomness.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** FNV-1a 32-bit hash of a string. */
function fnv1a(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * A deterministic 22-character URL-safe id (the shape of ES's index UUIDs and auto ids),
 * derived from a text and a counter, so the same history always yields the same ids.
 */
export function deterministicId(text: string, counter: number, length = 22): string {
  let out = '';
  let round = 0;
  while (out.length < length) {
    let h = fnv1a(`${text}#${counter}`, round++);
    for (let i = 0; i < 5 && out.length < length; i++) {
      out += ALPHABET[h & 63];
      h >>>= 6;
    }
  }
  return out;
}
