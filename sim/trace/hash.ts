/**
 * A rolling 64-bit hash kept as two 32-bit lanes (no BigInt on the hot path).
 */

/** Mutable 64-bit rolling hash state. */
export class RollingHash {
  private h1 = 0x811c9dc5 | 0;
  private h2 = 0x01000193 | 0;

  /** Folds one 32-bit integer into the hash. */
  fold(x: number): void {
    let a = Math.imul(this.h1 ^ x, 0x9e3779b1);
    a = (a << 13) | (a >>> 19);
    this.h1 = Math.imul(a, 5) + 0xe6546b64;
    let b = Math.imul(this.h2 ^ x, 0x85ebca77);
    b = (b << 17) | (b >>> 15);
    this.h2 = Math.imul(b ^ this.h1, 0xc2b2ae3d);
  }

  /** Folds a non-negative integer up to 2^53 (e.g. a virtual time). */
  foldWide(x: number): void {
    this.fold(x | 0);
    this.fold((x / 4294967296) | 0);
  }

  /** Folds every UTF-16 unit of a string. */
  foldString(s: string): void {
    this.fold(s.length);
    for (let i = 0; i < s.length; i++) this.fold(s.charCodeAt(i));
  }

  /** The hash as 16 lowercase hex digits. */
  hex(): string {
    return (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0');
  }
}
