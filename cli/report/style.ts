/**
 * Terminal styling: ANSI colours only on a TTY and when NO_COLOR is unset.
 */

/** Colour functions (identity when colour is off). */
export interface Style {
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

/** A style for a stream. */
export function styleFor(isTTY: boolean): Style {
  const on = isTTY && process.env.NO_COLOR === undefined;
  const wrap = (code: number) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { red: wrap(31), green: wrap(32), yellow: wrap(33), dim: wrap(2), bold: wrap(1) };
}
