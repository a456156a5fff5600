/**
 * The errors upstream's JSON lexer (easyjson's `jlexer`, v0.9, `error.go`) returns, with
 * its message shape: `parse error: <reason> near offset <n> of '<data>'`, and `io.EOF`
 * when the input ends before the value does.
 */
import { GoError } from '../../sim/index.ts';

/** `jlexer.LexerError`: what went wrong, the byte offset, and a short excerpt of the input. */
export class LexerError extends GoError {
  constructor(
    /** e.g. `syntax error`, `expected number`. */
    readonly reason: string,
    /** Byte offset the lexer had reached. */
    readonly offset: number,
    /** The excerpt `jlexer` quotes (the token, or up to 10 bytes then `...`). */
    readonly data: string,
  ) {
    super(`parse error: ${reason} near offset ${offset} of '${data}'`);
  }
}

/** Go's `io.EOF`, which `jlexer` reports when a value is cut short at the end of the input. */
export const EOF = new GoError('EOF');
