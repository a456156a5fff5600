/**
 * The two ways upstream decodes with Go's `encoding/json` outside easyjson: `json.Unmarshal`
 * (the whole input must be one JSON value: `TranslateError`, `flushUpdateAPIKey` at C) and
 * `json.NewDecoder(r).Decode` (the first value only, the rest unread: `parseError`, and
 * `flushUpdateAPIKey` before #7190). Errors carry Go's text, unprefixed.
 */
import { GoError } from '../../sim/index.ts';
import { firstValue, goSyntaxError } from './go-scanner.ts';
import { unmarshalGo, type GoType } from './go-json.ts';
import { parseTree } from './json-tree.ts';

/** A decoded Go value, or the error Go returned (a partly decoded value is dropped, as callers here do). */
export type GoDecoded = { readonly value: unknown; readonly err: null } | { readonly value?: undefined; readonly err: GoError };

function typed(text: string, t: GoType): GoDecoded {
  const r = unmarshalGo(parseTree(text), t);
  return r.err === null ? { value: r.value, err: null } : { err: r.err };
}

/** `json.Unmarshal([]byte(text), &v)` with `v` of Go type `t`. */
export function jsonUnmarshal(text: string, t: GoType): GoDecoded {
  const syntax = goSyntaxError(text);
  return syntax === null ? typed(text, t) : { err: new GoError(syntax) };
}

/** `json.NewDecoder(strings.NewReader(text)).Decode(&v)`, once: the first value; what follows is ignored. */
export function decodeFirst(text: string, t: GoType): GoDecoded {
  const r = firstValue(text);
  return r.err === null ? typed(r.text, t) : { err: new GoError(r.err) };
}

/**
 * Reads JSON values one after another from one `json.Decoder`, as the pre-#7190
 * `flushUpdateAPIKey` does (meta map, then the request); each call decodes the next value.
 */
export class GoStreamDecoder {
  private rest: string;

  constructor(text: string) {
    this.rest = text;
  }

  /** `dec.Decode(&v)` for the next value. */
  decode(t: GoType): GoDecoded {
    const r = firstValue(this.rest);
    if (r.err !== null) return { err: new GoError(r.err) };
    const at = this.rest.indexOf(r.text) + r.text.length;
    this.rest = this.rest.slice(at);
    return typed(r.text, t);
  }
}
