/**
 * The token scanner of upstream's JSON lexer (easyjson `jlexer` v0.9, `lexer.go`:
 * `FetchToken`, `fetchString`, `fetchNumber`, the keyword fetches and the error helpers),
 * over the response's UTF-8 bytes. It keeps jlexer's quirks, because they decide which
 * error a malformed body gives: separators are checked only when the next token is
 * fetched, a number token is any run of digits, `.`, `e`, `+`, `-` that jlexer accepts
 * (its value is parsed later), a token that ends the input in the middle of a loop leaves
 * `EOF`, and only the first error is kept.
 */
import type { GoError } from '../../sim/index.ts';
import { EOF, LexerError } from './lexer-error.ts';

/** What the current token is (`jlexer.TokenKind`). */
export const enum TokenKind {
  Undef,
  Delim,
  String,
  Number,
  Bool,
  Null,
}

const COLON = 0x3a;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** jlexer quotes at most this many bytes of context in a message. */
const MAX_ERROR_CONTEXT = 13;
const decoder = new TextDecoder();

/** Bytes as a string, for values and messages (invalid UTF-8 becomes U+FFFD). */
export function text(b: Uint8Array): string {
  return decoder.decode(b);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

/** A byte that may follow a keyword or number token. */
function isTokenEnd(c: number): boolean {
  return isSpace(c) || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === COMMA || c === COLON;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Scans one token at a time; the reading methods live in {@link Lexer}. */
export class Scanner {
  /** Start of the current token. */
  protected start = 0;
  /** Next unscanned byte. */
  protected pos = 0;
  /** The current token. */
  protected kind = TokenKind.Undef;
  /** Raw bytes of the last string or number token (jlexer leaves it in place for other tokens). */
  protected value: Uint8Array = new Uint8Array(0);
  /** The delimiter byte of a delimiter token, 0 otherwise. */
  protected delimValue = 0;
  /** A keyword token's value (`true`/`false`). */
  protected boolValue = false;
  /** Whether the current array or object has had no element yet. */
  protected firstElement = false;
  /** The separator (`,` or `:`) that must come before the next token, or 0. */
  protected wantSep = 0;
  /** The first error; decoding has failed once it is set. */
  protected fatal: GoError | null = null;

  /** @param data the input bytes. */
  constructor(readonly data: Uint8Array) {}

  /** True while no error (including EOF) has been met (`Ok`). */
  ok(): boolean {
    return this.fatal === null;
  }

  /** The error decoding ended with, or null (`Error`). */
  error(): GoError | null {
    return this.fatal;
  }

  /** Records `e` unless an error is already recorded (`AddError`). */
  addError(e: GoError): void {
    if (this.fatal === null) this.fatal = e;
  }

  /** Scans the next token (`FetchToken`). */
  fetchToken(): void {
    const d = this.data;
    this.kind = TokenKind.Undef;
    this.start = this.pos;
    if (d.length < this.pos) {
      this.errParse('Unexpected end of data');
      return;
    }
    // jlexer walks the bytes from where it started even when an unexpected separator
    // left `pos` behind; only the first error counts, so this matters for EOF alone.
    for (let i = this.pos; i < d.length; i++) {
      const c = d[i] as number;
      if (c === COLON || c === COMMA) {
        if (this.wantSep === c) {
          this.pos++;
          this.start++;
          this.wantSep = 0;
        } else {
          this.errSyntax();
        }
        continue;
      }
      if (isSpace(c)) {
        this.pos++;
        this.start++;
        continue;
      }
      this.startToken(c);
      return;
    }
    this.fatal = EOF;
  }

  /** The token that begins with byte `c` at `pos`. */
  private startToken(c: number): void {
    if (c === 0x7d || c === 0x5d) {
      if (!this.firstElement && this.wantSep !== COMMA) this.errSyntax();
      this.wantSep = 0;
      this.delimit();
      return;
    }
    const known = c === QUOTE || c === 0x7b || c === 0x5b || isDigit(c) || c === 0x2d || c === 0x6e || c === 0x74 || c === 0x66;
    if (!known) {
      this.errSyntax();
      return;
    }
    if (this.wantSep !== 0) this.errSyntax();
    if (c === QUOTE) {
      this.kind = TokenKind.String;
      this.fetchString();
    } else if (c === 0x7b || c === 0x5b) {
      this.firstElement = true;
      this.delimit();
    } else if (c === 0x6e) {
      this.kind = TokenKind.Null;
      this.fetchKeyword('null');
    } else if (c === 0x74 || c === 0x66) {
      this.kind = TokenKind.Bool;
      this.boolValue = c === 0x74;
      this.fetchKeyword(c === 0x74 ? 'true' : 'false');
    } else {
      this.kind = TokenKind.Number;
      this.fetchNumber();
    }
  }

  private delimit(): void {
    this.kind = TokenKind.Delim;
    this.delimValue = this.data[this.pos] as number;
    this.pos++;
  }

  /** `fetchNull` / `fetchTrue` / `fetchFalse`: the rest of the keyword, then a token end. */
  private fetchKeyword(word: string): void {
    const d = this.data;
    this.pos += word.length;
    let bad = this.pos > d.length || (this.pos !== d.length && !isTokenEnd(d[this.pos] as number));
    for (let k = 1; !bad && k < word.length; k++) bad = d[this.pos - word.length + k] !== word.charCodeAt(k);
    if (bad) {
      this.pos -= word.length;
      this.errSyntax();
    }
  }

  /** `fetchNumber`: digits with at most one `.` and one exponent; the value is parsed by its reader. */
  private fetchNumber(): void {
    const d = this.data;
    let hasE = false;
    let afterE = false;
    let hasDot = false;
    this.pos++;
    for (let i = this.pos; i < d.length; i++) {
      const c = d[i] as number;
      if (isDigit(c)) afterE = false;
      else if (c === 0x2e && !hasDot) hasDot = true;
      else if ((c === 0x65 || c === 0x45) && !hasE) {
        hasE = true;
        hasDot = true;
        afterE = true;
      } else if ((c === 0x2b || c === 0x2d) && afterE) afterE = false;
      else {
        this.pos = i;
        if (!isTokenEnd(c)) this.errSyntax();
        else this.value = d.subarray(this.start, this.pos);
        return;
      }
    }
    this.pos = d.length;
    this.value = d.subarray(this.start);
  }

  /** `fetchString`: up to the closing quote (escapes are undone by the reader). */
  private fetchString(): void {
    this.pos++;
    const rest = this.data.subarray(this.pos);
    const [valid, length] = stringLength(rest);
    if (!valid) {
      this.pos += length;
      this.errParse('unterminated string literal');
      return;
    }
    this.value = rest.subarray(0, length);
    this.pos += length + 1;
  }

  /** Resets the current token so the next read scans a new one (`consume`). */
  protected consume(): void {
    this.kind = TokenKind.Undef;
    this.delimValue = 0;
  }

  /** Scans a token unless one is pending or decoding has failed (`scanToken`). */
  protected scanToken(): void {
    if (this.kind !== TokenKind.Undef || this.fatal !== null) return;
    this.fetchToken();
  }

  /** Scans a token when none is pending and decoding has not failed (the readers' preamble). */
  protected peek(): void {
    if (this.kind === TokenKind.Undef && this.fatal === null) this.fetchToken();
  }

  /** `errParse`: records `what` at `pos`, quoting the whole input when little of it is left. */
  protected errParse(what: string): void {
    if (this.fatal !== null) return;
    const d = this.data;
    const excerpt = d.length - this.pos <= MAX_ERROR_CONTEXT ? text(d) : `${text(d.subarray(this.pos, this.pos + MAX_ERROR_CONTEXT - 3))}...`;
    this.fatal = new LexerError(what, this.pos, excerpt);
  }

  /** `errSyntax`. */
  protected errSyntax(): void {
    this.errParse('syntax error');
  }

  /** `errInvalidToken`: the token is not the `expected` kind; quotes the last string or number token. */
  protected errInvalidToken(expected: string): void {
    if (this.fatal !== null) return;
    const v = this.value;
    const excerpt = v.length <= MAX_ERROR_CONTEXT ? text(v) : `${text(v.subarray(0, MAX_ERROR_CONTEXT - 3))}...`;
    this.fatal = new LexerError(`expected ${expected}`, this.pos, excerpt);
  }
}

/**
 * `findStringLen`: whether a closing quote follows, and the content length. A quote counts
 * as escaped after an odd run of backslashes; with no closing quote the length is that of
 * the part after the last escaped quote (jlexer's offset in the error).
 */
function stringLength(data: Uint8Array): [boolean, number] {
  let length = 0;
  let rest = data;
  for (;;) {
    const idx = rest.indexOf(QUOTE);
    if (idx === -1) return [false, rest.length];
    if (idx === 0 || rest[idx - 1] !== BACKSLASH) return [true, length + idx];
    let cnt = 1;
    while (idx - cnt - 1 >= 0 && rest[idx - cnt - 1] === BACKSLASH) cnt++;
    if (cnt % 2 === 0) return [true, length + idx];
    length += idx + 1;
    rest = rest.subarray(idx + 1);
  }
}
