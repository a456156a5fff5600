/**
 * The CLI's view of the process: output streams. Commands write only through it.
 */

/** Output streams. */
export interface Io {
  readonly stdout: { write(s: string): unknown; isTTY?: boolean };
  readonly stderr: { write(s: string): unknown; isTTY?: boolean };
}

/** Writes a line. */
export function println(out: Io['stdout'], s = ''): void {
  out.write(`${s}\n`);
}
