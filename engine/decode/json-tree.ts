/**
 * A JSON value as Go's `encoding/json` sees it before assigning it to a Go type: numbers
 * keep their literal text (so `1.0` into an int64 fails as it does in Go), object members
 * keep their order and repeats. Built from text already known to be valid JSON, or from a
 * value decoded into `interface{}` and marshalled again (`json.Marshal` of a map: keys in
 * byte order, numbers as float64 text).
 */

/**
 * One JSON value with its number literals kept as text; a tree parsed from text also
 * keeps each value's exact source text (`src`), which is what a `json.RawMessage` holds.
 */
export type JsonTree = (
  | { readonly t: 'object'; readonly members: ReadonlyArray<readonly [string, JsonTree]> }
  | { readonly t: 'array'; readonly items: readonly JsonTree[] }
  | { readonly t: 'string'; readonly v: string }
  | { readonly t: 'number'; readonly text: string }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'null' }
) & { readonly src?: string };

const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\]|\\.)*"/y;

/** Parses JSON text that `JSON.parse` accepts; throws on anything else. */
export function parseTree(text: string): JsonTree {
  JSON.parse(text); // validity first, as encoding/json's checkValid does
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
  };
  const match = (re: RegExp): string => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (m === null) throw new Error(`json tree: no token at ${i}`);
    i = re.lastIndex;
    return m[0];
  };
  const value = (): JsonTree => {
    ws();
    const start = i;
    const v = bare();
    return { ...v, src: text.slice(start, i) };
  };
  const bare = (): JsonTree => {
    const c = text[i];
    if (c === '{') {
      i++;
      const members: [string, JsonTree][] = [];
      for (ws(); text[i] !== '}'; ws()) {
        if (text[i] === ',') i++;
        ws();
        const key = JSON.parse(match(STRING)) as string;
        ws();
        i++; // ':'
        members.push([key, value()]);
      }
      i++;
      return { t: 'object', members };
    }
    if (c === '[') {
      i++;
      const items: JsonTree[] = [];
      for (ws(); text[i] !== ']'; ws()) {
        if (text[i] === ',') i++;
        items.push(value());
      }
      i++;
      return { t: 'array', items };
    }
    if (c === '"') return { t: 'string', v: JSON.parse(match(STRING)) as string };
    if (text.startsWith('true', i) || text.startsWith('false', i)) {
      const v = text.startsWith('true', i);
      i += v ? 4 : 5;
      return { t: 'bool', v };
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return { t: 'null' };
    }
    return { t: 'number', text: match(NUMBER) };
  };
  return value();
}

/** Go's float64 text in `json.Marshal` (shortest round trip; exponent form below 1e-6 and from 1e21). */
export function goFloatText(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

const encoder = new TextEncoder();

/** Go's string order: byte-wise over UTF-8. */
function byteOrder(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  for (let k = 0; k < Math.min(x.length, y.length); k++) if (x[k] !== y[k]) return (x[k] as number) - (y[k] as number);
  return x.length - y.length;
}

/** `json.Marshal` of a value held in `interface{}` (maps, slices, float64, string, bool, nil), as a tree. */
export function marshalledTree(v: unknown): JsonTree {
  if (v === null || v === undefined) return { t: 'null' };
  if (typeof v === 'string') return { t: 'string', v };
  if (typeof v === 'boolean') return { t: 'bool', v };
  if (typeof v === 'number') return { t: 'number', text: goFloatText(v) };
  if (Array.isArray(v)) return { t: 'array', items: v.map(marshalledTree) };
  const o = v as Record<string, unknown>;
  return { t: 'object', members: Object.keys(o).sort(byteOrder).map((k) => [k, marshalledTree(o[k])] as const) };
}
