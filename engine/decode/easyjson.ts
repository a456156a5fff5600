/**
 * The shape every easyjson-generated decoder in upstream's `schema_easyjson.go` shares, and
 * `easyjson.Unmarshal` itself. A struct decoder accepts `null` (the struct stays zero),
 * otherwise wants `{`, reads each member name, skips a member whose value is `null`, hands
 * known names to the struct's field reader and skips unknown ones whole, then wants `}`;
 * when the struct is the whole input, nothing but whitespace may follow. A slice decoder
 * accepts `null` (nil) or wants `[`, reads elements, then wants `]`. Missing members stay
 * zero: nothing is ever required.
 */
import type { GoError } from '../../sim/index.ts';
import { Lexer } from './lexer.ts';

/** Reads the value of member `key` into the struct and returns true, or returns false for an unknown member. */
export type FieldReader = (l: Lexer, key: string) => boolean;

/** Decodes one struct (an easyjson `easyjson<hash>Decode<Type>` function). */
export function readStruct(l: Lexer, field: FieldReader): void {
  const top = l.isStart();
  if (l.isNull()) {
    if (top) l.consumed();
    l.skip();
    return;
  }
  l.delim('{');
  while (!l.isDelim('}')) {
    const key = l.string();
    l.wantColon();
    if (l.isNull()) {
      l.skip();
      l.wantComma();
      continue;
    }
    if (!field(l, key)) l.skipRecursive();
    l.wantComma();
  }
  l.delim('}');
  if (top) l.consumed();
}

/** Decodes one slice; `null` gives an empty one (Go's nil slice). */
export function readSlice<T>(l: Lexer, element: (l: Lexer) => T): T[] {
  const out: T[] = [];
  if (l.isNull()) {
    l.skip();
    return out;
  }
  l.delim('[');
  while (!l.isDelim(']')) {
    out.push(element(l));
    l.wantComma();
  }
  l.delim(']');
  return out;
}

/**
 * Decodes a `map[string]T` member; `null` leaves it absent, and so does `{}` when
 * `nilWhenEmpty` (generated code that allocates the map only once it sees a first key).
 */
export function readMap<T>(l: Lexer, element: (l: Lexer) => T, nilWhenEmpty: boolean): Record<string, T> | undefined {
  if (l.isNull()) {
    l.skip();
    return undefined;
  }
  l.delim('{');
  const out: Record<string, T> = {};
  let empty = true;
  while (!l.isDelim('}')) {
    const key = l.string();
    l.wantColon();
    // defineProperty: a key such as `__proto__` is data here, as in a Go map.
    Object.defineProperty(out, key, { value: element(l), enumerable: true, writable: true, configurable: true });
    empty = false;
    l.wantComma();
  }
  l.delim('}');
  return empty && nilWhenEmpty ? undefined : out;
}

/** A raw member (`json.RawMessage`): its exact text, or undefined after an error. */
export function readRaw(l: Lexer): string | undefined {
  const raw = l.raw();
  return raw ?? undefined;
}

/** The outcome of `easyjson.Unmarshal`: the decoded value, or the error it returned. */
export type Unmarshalled<T> = { readonly err: GoError; readonly value?: undefined } | { readonly err: null; readonly value: T };

/** `easyjson.Unmarshal(body, &v)`: runs `decode` over the whole body; the value, or the first error. */
export function unmarshal<T>(body: string, decode: (l: Lexer) => T): Unmarshalled<T> {
  const l = Lexer.of(body);
  const value = decode(l);
  const err = l.error();
  return err === null ? { err: null, value } : { err };
}
