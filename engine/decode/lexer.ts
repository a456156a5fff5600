/**
 * The reading side of upstream's JSON lexer (easyjson `jlexer` v0.9, `lexer.go`): the calls
 * easyjson-generated decoders make (`Delim`, `IsDelim`, `IsNull`, `Skip`, `SkipRecursive`,
 * `Raw`, `String`, `Bool`, `Int`, `Int64`, `Uint64`, `Float64`, `Interface`, `WantComma`,
 * `WantColon`, `IsStart`, `Consumed`). Each fails the way jlexer does: a token of the wrong
 * kind is `expected <kind>`, a bad number is Go's `strconv` error, and after the first
 * error every read returns a zero value and every loop ends.
 */
import { LexerError } from './lexer-error.ts';
import { Scanner, text, TokenKind } from './scanner.ts';
import { parseFloat64, parseInt64, parseUint64, type Converted } from './strconv.ts';
import { unescape } from './unescape.ts';

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

/** Whether `b` is one complete JSON value (Go's `json.Valid`). */
function validJson(b: Uint8Array): boolean {
  try {
    JSON.parse(text(b));
    return true;
  } catch {
    return false;
  }
}

/** A JSON lexer over UTF-8 bytes, read the way easyjson-generated code reads it. */
export class Lexer extends Scanner {
  /** @param body the response body. */
  static of(body: string): Lexer {
    return new Lexer(new TextEncoder().encode(body));
  }

  /** Consumes the delimiter `c` (one of `{}[]`), or fails with `expected <c>`. */
  delim(c: '{' | '}' | '[' | ']'): void {
    this.peek();
    const bad = !this.ok() || this.delimValue !== c.charCodeAt(0);
    this.consume();
    if (bad) this.errInvalidToken(c);
  }

  /** True when decoding failed or the next token is the delimiter `c` (loop conditions). */
  isDelim(c: '}' | ']'): boolean {
    this.peek();
    return !this.ok() || this.delimValue === c.charCodeAt(0);
  }

  /** True when the next token is `null`. */
  isNull(): boolean {
    this.peek();
    return this.ok() && this.kind === TokenKind.Null;
  }

  /** Skips one token. */
  skip(): void {
    this.peek();
    this.consume();
  }

  /** True when nothing has been read yet: the value being decoded is the whole input. */
  isStart(): boolean {
    return this.pos === 0;
  }

  /** Requires a `,` before the next token. */
  wantComma(): void {
    this.wantSep = 0x2c;
    this.firstElement = false;
  }

  /** Requires a `:` before the next token. */
  wantColon(): void {
    this.wantSep = 0x3a;
    this.firstElement = false;
  }

  /**
   * Skips the next value: one token, or a whole array or object found by matching brackets
   * of its own kind outside strings, which must then be valid JSON (`SkipRecursive`).
   */
  skipRecursive(): void {
    this.scanToken();
    const from = this.start;
    const open = this.delimValue;
    const close = open === OPEN_OBJECT ? CLOSE_OBJECT : open === OPEN_ARRAY ? CLOSE_ARRAY : 0;
    this.consume();
    if (close === 0) return;
    const d = this.data;
    let level = 1;
    let inQuotes = false;
    let wasEscape = false;
    for (let i = this.pos; i < d.length; i++) {
      const c = d[i] as number;
      if (c === open && !inQuotes) level++;
      else if (c === close && !inQuotes) {
        if (--level === 0) {
          this.pos = i + 1;
          if (!validJson(d.subarray(from, this.pos))) {
            this.pos = d.length;
            this.fatal = new LexerError('skipped array/object json value is invalid', this.pos, '');
          }
          return;
        }
      } else if (c === 0x5c && inQuotes) {
        wasEscape = !wasEscape;
        continue;
      } else if (c === 0x22) inQuotes = inQuotes ? wasEscape : true;
      wasEscape = false;
    }
    this.pos = d.length;
    this.fatal = new LexerError('EOF reached while skipping array/object or token', this.pos, '');
  }

  /** The next value's raw bytes as text (`Raw`, kept like a `json.RawMessage`), or null after an error. */
  raw(): string | null {
    this.skipRecursive();
    return this.ok() ? text(this.data.subarray(this.start, this.pos)) : null;
  }

  /** Reads a string literal, unescaped (`String`, `UnsafeFieldName`). */
  string(): string {
    this.peek();
    if (!this.ok() || this.kind !== TokenKind.String) {
      this.errInvalidToken('string');
      return '';
    }
    const u = unescape(this.value);
    if (typeof u === 'string') {
      this.errParse(u);
      return '';
    }
    this.value = u;
    this.consume();
    return text(u);
  }

  /** Reads `true` or `false`. */
  bool(): boolean {
    this.peek();
    if (!this.ok() || this.kind !== TokenKind.Bool) {
      this.errInvalidToken('bool');
      return false;
    }
    this.consume();
    return this.boolValue;
  }

  /** Reads a number token as `int64` (`Int`, `Int64`). */
  int64(): number {
    return this.number(parseInt64);
  }

  /** Reads a number token as `uint64`. */
  uint64(): number {
    return this.number(parseUint64);
  }

  /** Reads a number token as `float64`. */
  float64(): number {
    return this.number(parseFloat64);
  }

  private number(convert: (s: string) => Converted): number {
    this.peek();
    if (!this.ok() || this.kind !== TokenKind.Number) {
      this.errInvalidToken('number');
      return 0;
    }
    const s = text(this.value);
    this.consume();
    const r = convert(s);
    if (r.err !== null) this.fatal = new LexerError(r.err, this.start, s);
    return r.value;
  }

  /** Reads any value as Go's `interface{}` would hold it (`Interface`): numbers as float64. */
  any(): unknown {
    this.peek();
    if (!this.ok()) return null;
    switch (this.kind) {
      case TokenKind.String:
        return this.string();
      case TokenKind.Number:
        return this.float64();
      case TokenKind.Bool:
        return this.bool();
      case TokenKind.Null:
        this.consume();
        return null;
      default:
        break;
    }
    if (this.delimValue === OPEN_OBJECT) {
      this.consume();
      const o: Record<string, unknown> = {};
      while (!this.isDelim('}')) {
        const k = this.string();
        this.wantColon();
        // defineProperty: a key such as `__proto__` is data here, as in a Go map.
        Object.defineProperty(o, k, { value: this.any(), enumerable: true, writable: true, configurable: true });
        this.wantComma();
      }
      this.delim('}');
      return this.ok() ? o : null;
    }
    if (this.delimValue === OPEN_ARRAY) {
      this.consume();
      const a: unknown[] = [];
      while (!this.isDelim(']')) {
        a.push(this.any());
        this.wantComma();
      }
      this.delim(']');
      return this.ok() ? a : null;
    }
    this.errSyntax();
    return null;
  }

  /** After a top-level value: anything but whitespace left is an error (`Consumed`). */
  consumed(): void {
    const d = this.data;
    if (this.pos > d.length || !this.ok()) return;
    for (let i = this.pos; i < d.length; i++) {
      const c = d[i] as number;
      if (!isSpace(c)) {
        this.addError(new LexerError(`invalid character '${String.fromCharCode(c)}' after top-level value`, this.pos, text(d.subarray(this.pos))));
        return;
      }
      this.pos++;
      this.start++;
    }
  }
}
