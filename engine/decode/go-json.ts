/**
 * Go's `encoding/json` `Unmarshal` into a typed Go value, for the one place upstream's
 * response decoding leaves easyjson: `es.Bucket.UnmarshalJSON` (`internal/pkg/es/result.go`).
 * It follows encoding/json's rules: `null` leaves any value as it is; a member matches a
 * field by exact name, else ASCII case-insensitively; unknown members are skipped; a value
 * of the wrong kind, or a number that does not fit, is skipped and the first such problem
 * is returned as Go's `UnmarshalTypeError` text (`json: cannot unmarshal number 1.5 into
 * Go struct field HitT.hits._seq_no of type int64`).
 */
import { GoError } from '../../sim/index.ts';
import type { JsonTree } from './json-tree.ts';
import { parseFloat64, parseInt64, parseUint64, type Converted } from './strconv.ts';

/** The Go types these decodes need. `name` is the type's `Name()`, `printed` its `String()`. */
export type GoType =
  | { readonly kind: 'string' | 'int64' | 'uint64' | 'float64' | 'raw' | 'any' }
  | { readonly kind: 'pointer'; readonly elem: GoType }
  | { readonly kind: 'map' }
  | { readonly kind: 'slice'; readonly elem: GoType }
  | { readonly kind: 'struct'; readonly name: string; readonly printed: string; readonly fields: Readonly<Record<string, GoType>> };

/** `reflect.Type.String()` of `t` (a pointer prints as what it points to: Go reports the pointee). */
function printed(t: GoType): string {
  switch (t.kind) {
    case 'pointer':
      return printed(t.elem);
    case 'map':
      return 'map[string]interface {}';
    case 'slice':
      return `[]${printed(t.elem)}`;
    case 'struct':
      return t.printed;
    case 'raw':
      return 'json.RawMessage';
    case 'any':
      return 'interface {}';
    default:
      return t.kind;
  }
}

/** Where a value sits: the innermost struct entered and the field names from the top. */
interface Where {
  readonly struct: string | null;
  readonly fields: readonly string[];
}

const NUMBER_TYPES: Readonly<Record<string, (s: string) => Converted>> = { int64: parseInt64, uint64: parseUint64, float64: parseFloat64 };

/** One decode: the first error wins, as encoding/json's `savedError`. */
class Decode {
  err: GoError | null = null;

  private fail(value: string, t: GoType, at: Where): void {
    if (this.err !== null) return;
    const into = at.struct !== null || at.fields.length > 0 ? `Go struct field ${at.struct ?? ''}.${at.fields.join('.')}` : 'Go value';
    this.err = new GoError(`json: cannot unmarshal ${value} into ${into} of type ${printed(t)}`);
  }

  /** `tree` decoded into a value of `t`, starting from `prev` (what the Go value held before). */
  value(tree: JsonTree, t: GoType, prev: unknown, at: Where): unknown {
    // null: pointers, maps, slices and interfaces become nil; a RawMessage keeps the text `null`; anything else is untouched.
    if (tree.t === 'null') return t.kind === 'raw' ? 'null' : t.kind === 'pointer' || t.kind === 'map' || t.kind === 'slice' || t.kind === 'any' ? zero(t) : prev;
    // A nil pointer is allocated (zero) before the value is stored, as encoding/json's `indirect` does.
    if (t.kind === 'pointer') return this.value(tree, t.elem, prev ?? zero(t.elem), at);
    if (t.kind === 'raw') return tree.src ?? rawText(tree);
    if (t.kind === 'any') return this.any(tree, at);
    if (t.kind === 'struct') return tree.t === 'object' ? this.struct(tree.members, t, prev, at) : this.mismatch(tree, t, prev, at);
    // A map already holding entries keeps them (encoding/json reuses a non-nil map).
    if (t.kind === 'map') return tree.t === 'object' ? { ...(prev as object | undefined), ...Object.fromEntries(tree.members.map(([k, v]) => [k, this.any(v, at)])) } : this.mismatch(tree, t, prev, at);
    if (t.kind === 'slice') return tree.t === 'array' ? tree.items.map((x) => this.value(x, t.elem, zero(t.elem), at)) : this.mismatch(tree, t, prev, at);
    if (t.kind === 'string') return tree.t === 'string' ? tree.v : this.mismatch(tree, t, prev, at);
    if (tree.t !== 'number') return this.mismatch(tree, t, prev, at);
    const r = (NUMBER_TYPES[t.kind] as (s: string) => Converted)(tree.text);
    if (r.err === null) return r.value;
    this.fail(`number ${tree.text}`, t, at);
    return prev;
  }

  private mismatch(tree: JsonTree, t: GoType, prev: unknown, at: Where): unknown {
    this.fail(tree.t, t, at);
    return prev;
  }

  private struct(members: ReadonlyArray<readonly [string, JsonTree]>, t: Extract<GoType, { kind: 'struct' }>, prev: unknown, at: Where): unknown {
    const out = { ...(prev as Record<string, unknown>) };
    const names = Object.keys(t.fields);
    for (const [key, v] of members) {
      const name = names.includes(key) ? key : names.find((n) => n.toLowerCase() === key.toLowerCase());
      if (name === undefined) continue;
      out[name] = this.value(v, t.fields[name] as GoType, out[name], { struct: t.name, fields: [...at.fields, name] });
    }
    return out;
  }

  /** Into `interface{}`: objects, arrays, strings, bools, and numbers as float64. */
  any(tree: JsonTree, at: Where): unknown {
    switch (tree.t) {
      case 'object': {
        const o: Record<string, unknown> = {};
        for (const [k, v] of tree.members) Object.defineProperty(o, k, { value: this.any(v, at), enumerable: true, writable: true, configurable: true });
        return o;
      }
      case 'array':
        return tree.items.map((x) => this.any(x, at));
      case 'number': {
        const r = parseFloat64(tree.text);
        if (r.err !== null) this.fail(`number ${tree.text}`, { kind: 'float64' }, at);
        return r.value;
      }
      case 'null':
        return null;
      default:
        return tree.v;
    }
  }
}

/** The zero value of `t`, as the model represents it. */
export function zero(t: GoType): unknown {
  switch (t.kind) {
    case 'string':
      return '';
    case 'int64':
    case 'uint64':
    case 'float64':
      return 0;
    case 'slice':
      return [];
    case 'struct':
      return Object.fromEntries(Object.entries(t.fields).map(([k, f]) => [k, zero(f)]));
    default:
      return t.kind === 'pointer' ? null : undefined;
  }
}

/** JSON text of a tree (its members in order, numbers as their literal text). */
export function rawText(tree: JsonTree): string {
  switch (tree.t) {
    case 'object':
      return `{${tree.members.map(([k, v]) => `${JSON.stringify(k)}:${rawText(v)}`).join(',')}}`;
    case 'array':
      return `[${tree.items.map(rawText).join(',')}]`;
    case 'number':
      return tree.text;
    case 'null':
      return 'null';
    default:
      return JSON.stringify(tree.v);
  }
}

/** `json.Unmarshal(data, &v)` where `data` is already a tree and `v` a zero value of `t`. */
export function unmarshalGo(tree: JsonTree, t: GoType): { value: unknown; err: GoError | null } {
  const d = new Decode();
  const value = d.value(tree, t, zero(t), { struct: null, fields: [] });
  return { value, err: d.err };
}

/** `json.Unmarshal(data, &m)` with `m` a `map[string]interface{}`: null gives nil (undefined). */
export function unmarshalAnyMap(tree: JsonTree): { value: Record<string, unknown> | undefined; err: GoError | null } {
  const r = unmarshalGo(tree, { kind: 'map' });
  return { value: r.value as Record<string, unknown> | undefined, err: r.err };
}
