/**
 * Go's `encoding/json` scanner (`scanner.go`): the state machine that decides whether
 * bytes are JSON and, when they are not, which error Go reports (`invalid character 'x'
 * after object key`, `unexpected end of JSON input`). Upstream meets it wherever it
 * leaves easyjson: `json.Unmarshal` checks the whole input first (`checkValid`), and a
 * `json.Decoder` (`parseError` in `internal/pkg/bulk/helpers.go`) reads one value and
 * ignores whatever follows it (`Decoder.readValue`).
 */
import { quoteChar } from './go-syntax.ts';

/** What a step reports (`scanContinue`, `scanEnd`, ... in Go). */
const enum Op {
  Continue,
  BeginLiteral,
  BeginObject,
  ObjectKey,
  ObjectValue,
  EndObject,
  BeginArray,
  ArrayValue,
  EndArray,
  SkipSpace,
  End,
  Error,
}

const enum Parse {
  ObjectKey,
  ObjectValue,
  ArrayValue,
}

/** `maxNestingDepth`. */
const MAX_DEPTH = 10_000;
const SPACE = 0x20;

type State = (s: Scanner, c: number) => Op;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** One scan, as Go's `scanner` struct. */
class Scanner {
  step: State = beginValue;
  readonly parse: Parse[] = [];
  err: string | null = null;
  endTop = false;

  error(c: number, context: string): Op {
    this.step = stateError;
    this.err = `invalid character ${quoteChar(c)} ${context}`;
    return Op.Error;
  }

  push(c: number, p: Parse, ok: Op): Op {
    this.parse.push(p);
    return this.parse.length <= MAX_DEPTH ? ok : this.error(c, 'exceeded max depth');
  }

  pop(): void {
    this.parse.pop();
    if (this.parse.length === 0) {
      this.step = endTop;
      this.endTop = true;
    } else this.step = endValue;
  }

  /** `scanner.eof`. */
  eof(): Op {
    if (this.err !== null) return Op.Error;
    if (this.endTop) return Op.End;
    this.step(this, SPACE);
    if (this.endTop) return Op.End;
    if (this.err === null) this.err = 'unexpected end of JSON input';
    return Op.Error;
  }
}

function literal(expect: number, next: State, word: string): State {
  return (s, c) => {
    if (c === expect) {
      s.step = next;
      return Op.Continue;
    }
    return s.error(c, `in literal ${word} (expecting ${quoteChar(expect)})`);
  };
}

const stateError: State = () => Op.Error;

const endTop: State = (s, c) => {
  if (!isSpace(c)) s.error(c, 'after top-level value');
  return Op.End;
};

const endValue: State = (s, c) => {
  const n = s.parse.length;
  if (n === 0) {
    s.step = endTop;
    s.endTop = true;
    return endTop(s, c);
  }
  if (isSpace(c)) {
    s.step = endValue;
    return Op.SkipSpace;
  }
  switch (s.parse[n - 1]) {
    case Parse.ObjectKey:
      if (c === 0x3a) {
        s.parse[n - 1] = Parse.ObjectValue;
        s.step = beginValue;
        return Op.ObjectKey;
      }
      return s.error(c, 'after object key');
    case Parse.ObjectValue:
      if (c === 0x2c) {
        s.parse[n - 1] = Parse.ObjectKey;
        s.step = beginString;
        return Op.ObjectValue;
      }
      if (c === 0x7d) {
        s.pop();
        return Op.EndObject;
      }
      return s.error(c, 'after object key:value pair');
    default:
      if (c === 0x2c) {
        s.step = beginValue;
        return Op.ArrayValue;
      }
      if (c === 0x5d) {
        s.pop();
        return Op.EndArray;
      }
      return s.error(c, 'after array element');
  }
};

const e0: State = (s, c) => (isDigit(c) ? Op.Continue : endValue(s, c));
const eSign: State = (s, c) => {
  if (isDigit(c)) {
    s.step = e0;
    return Op.Continue;
  }
  return s.error(c, 'in exponent of numeric literal');
};
const stateE: State = (s, c) => {
  if (c === 0x2b || c === 0x2d) {
    s.step = eSign;
    return Op.Continue;
  }
  return eSign(s, c);
};
const dot0: State = (s, c) => {
  if (isDigit(c)) return Op.Continue;
  if (c === 0x65 || c === 0x45) {
    s.step = stateE;
    return Op.Continue;
  }
  return endValue(s, c);
};
const dot: State = (s, c) => {
  if (isDigit(c)) {
    s.step = dot0;
    return Op.Continue;
  }
  return s.error(c, 'after decimal point in numeric literal');
};
const zero: State = (s, c) => {
  if (c === 0x2e) {
    s.step = dot;
    return Op.Continue;
  }
  if (c === 0x65 || c === 0x45) {
    s.step = stateE;
    return Op.Continue;
  }
  return endValue(s, c);
};
const one: State = (s, c) => {
  if (isDigit(c)) {
    s.step = one;
    return Op.Continue;
  }
  return zero(s, c);
};
const neg: State = (s, c) => {
  if (c === 0x30) {
    s.step = zero;
    return Op.Continue;
  }
  if (c >= 0x31 && c <= 0x39) {
    s.step = one;
    return Op.Continue;
  }
  return s.error(c, 'in numeric literal');
};

const inString: State = (s, c) => {
  if (c === 0x22) {
    s.step = endValue;
    return Op.Continue;
  }
  if (c === 0x5c) {
    s.step = inStringEsc;
    return Op.Continue;
  }
  if (c < 0x20) return s.error(c, 'in string literal');
  return Op.Continue;
};
function hex(next: State): State {
  return (s, c) => {
    if (isHex(c)) {
      s.step = next;
      return Op.Continue;
    }
    return s.error(c, 'in \\u hexadecimal character escape');
  };
}
const escU = hex(hex(hex(hex(inString))));
const inStringEsc: State = (s, c) => {
  if ('bfnrt\\/"'.includes(String.fromCharCode(c))) {
    s.step = inString;
    return Op.Continue;
  }
  if (c === 0x75) {
    s.step = escU;
    return Op.Continue;
  }
  return s.error(c, 'in string escape code');
};

const litTrue = literal(0x72, literal(0x75, literal(0x65, endValue, 'true'), 'true'), 'true');
const litFalse = literal(0x61, literal(0x6c, literal(0x73, literal(0x65, endValue, 'false'), 'false'), 'false'), 'false');
const litNull = literal(0x75, literal(0x6c, literal(0x6c, endValue, 'null'), 'null'), 'null');

const beginString: State = (s, c) => {
  if (isSpace(c)) return Op.SkipSpace;
  if (c === 0x22) {
    s.step = inString;
    return Op.BeginLiteral;
  }
  return s.error(c, 'looking for beginning of object key string');
};
const beginStringOrEmpty: State = (s, c) => {
  if (isSpace(c)) return Op.SkipSpace;
  if (c === 0x7d) {
    s.parse[s.parse.length - 1] = Parse.ObjectValue;
    return endValue(s, c);
  }
  return beginString(s, c);
};
const beginValueOrEmpty: State = (s, c) => {
  if (isSpace(c)) return Op.SkipSpace;
  if (c === 0x5d) return endValue(s, c);
  return beginValue(s, c);
};
function beginValue(s: Scanner, c: number): Op {
  if (isSpace(c)) return Op.SkipSpace;
  switch (c) {
    case 0x7b:
      s.step = beginStringOrEmpty;
      return s.push(c, Parse.ObjectKey, Op.BeginObject);
    case 0x5b:
      s.step = beginValueOrEmpty;
      return s.push(c, Parse.ArrayValue, Op.BeginArray);
    case 0x22:
      s.step = inString;
      return Op.BeginLiteral;
    case 0x2d:
      s.step = neg;
      return Op.BeginLiteral;
    case 0x30:
      s.step = zero;
      return Op.BeginLiteral;
    case 0x74:
      s.step = litTrue;
      return Op.BeginLiteral;
    case 0x66:
      s.step = litFalse;
      return Op.BeginLiteral;
    case 0x6e:
      s.step = litNull;
      return Op.BeginLiteral;
  }
  if (c >= 0x31 && c <= 0x39) {
    s.step = one;
    return Op.BeginLiteral;
  }
  return s.error(c, 'looking for beginning of value');
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** `checkValid`: Go's syntax error for `text` as a whole JSON document, or null when it is valid. */
export function goSyntaxError(text: string): string | null {
  const s = new Scanner();
  for (const c of encoder.encode(text)) if (s.step(s, c) === Op.Error) return s.err;
  return s.eof() === Op.Error ? s.err : null;
}

/** What `Decoder.Decode` read: the first value's text, or Go's error (`EOF`, `unexpected EOF`, a syntax error). */
export type FirstValue = { readonly text: string; readonly err: null } | { readonly text?: undefined; readonly err: string };

/**
 * `Decoder.readValue` over a whole body: the first JSON value (leading space skipped,
 * anything after it ignored). An input of only white space is `EOF`; one that ends
 * inside a value is `unexpected EOF`.
 */
export function firstValue(text: string): FirstValue {
  const b = encoder.encode(text);
  const s = new Scanner();
  let start = -1;
  for (let i = 0; i < b.length; i++) {
    const c = b[i] as number;
    const op = s.step(s, c);
    if (start < 0 && op !== Op.SkipSpace) start = i;
    if (op === Op.End) return { text: decoder.decode(b.subarray(start, i)), err: null };
    if ((op === Op.EndObject || op === Op.EndArray) && endValue(s, SPACE) === Op.End) return { text: decoder.decode(b.subarray(start, i + 1)), err: null };
    if (op === Op.Error) return { err: s.err as string };
  }
  if (s.step(s, SPACE) === Op.End) return { text: decoder.decode(b.subarray(start)), err: null };
  return { err: start < 0 ? 'EOF' : 'unexpected EOF' };
}
