/**
 * The query DSL subset the fake supports (`match_all`, `match_none`, `match`, `term`, `terms`,
 * `range`, `bool`, `ids`, `exists`) compiled into predicates; anything else is ES's `parsing_exception`.
 */
import { EsError, parsingError } from '../errors.ts';
import { isObject } from '../json.ts';
import { compareToBound, fieldValues, termEquals, type Hit } from './fields.ts';

/** A compiled query: whether a document matches. */
export type Predicate = (hit: Hit) => boolean;

const ALWAYS: Predicate = () => true;

/** `{field: value}` or `{field: {<valueKey>: value}}` → [field, value]. */
function singleField(type: string, body: unknown, valueKey: string): [string, unknown] | EsError {
  if (!isObject(body)) return parsingError(`[${type}] query malformed, no start_object after query name`);
  const entries = Object.entries(body).filter(([k]) => k !== 'boost' && k !== '_name');
  if (entries.length !== 1) return parsingError(`[${type}] query doesn't support multiple fields, found [${entries.map(([k]) => k).join('] and [')}]`);
  const [field, v] = entries[0]!;
  return [field, isObject(v) ? v[valueKey] : v];
}

/** Clauses of a bool section: one query object or an array of them. */
function clauses(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Resolves `minimum_should_match` (integer, negative, or percentage) against the number of should clauses. */
function minimumShould(raw: unknown, n: number, dflt: number): number {
  if (raw === undefined) return dflt;
  const s = String(raw).trim();
  const pct = s.endsWith('%');
  const num = Number(pct ? s.slice(0, -1) : s);
  if (Number.isNaN(num)) return dflt;
  const abs = pct ? Math.trunc((n * Math.abs(num)) / 100) : Math.abs(num);
  return num < 0 ? n - abs : abs;
}

function compileBool(body: unknown): Predicate | EsError {
  if (!isObject(body)) return parsingError('[bool] query malformed, no start_object after query name');
  const compileAll = (k: string): Predicate[] | EsError => {
    const out: Predicate[] = [];
    for (const c of clauses(body[k])) {
      const p = compileQuery(c);
      if (p instanceof EsError) return p;
      out.push(p);
    }
    return out;
  };
  for (const k of Object.keys(body)) {
    if (!['must', 'filter', 'should', 'must_not', 'minimum_should_match', 'boost', '_name', 'adjust_pure_negative'].includes(k)) {
      return parsingError(`[bool] query does not support [${k}]`);
    }
  }
  const must = compileAll('must'), filter = compileAll('filter'), should = compileAll('should'), not = compileAll('must_not');
  for (const x of [must, filter, should, not]) if (x instanceof EsError) return x;
  const [m, f, s, n] = [must, filter, should, not] as Predicate[][];
  const required = [...m!, ...f!];
  const msm = minimumShould(body['minimum_should_match'], s!.length, required.length === 0 && s!.length > 0 ? 1 : 0);
  return (h) =>
    required.every((p) => p(h)) && !n!.some((p) => p(h)) && (msm <= 0 || s!.filter((p) => p(h)).length >= msm);
}

/** Compiles a query DSL object; unknown query types give ES's 400 `parsing_exception`. */
export function compileQuery(q: unknown): Predicate | EsError {
  if (q === undefined) return ALWAYS;
  if (!isObject(q)) return parsingError('[_na] query malformed, must start with start_object');
  const keys = Object.keys(q);
  if (keys.length !== 1) return parsingError(`[${keys[0] ?? '_na'}] malformed query, expected [END_OBJECT] but found [FIELD_NAME]`);
  const type = keys[0]!;
  const body = q[type];
  switch (type) {
    case 'match_all':
      return ALWAYS;
    case 'match_none':
      return () => false;
    case 'term':
    case 'match': {
      const fv = singleField(type, body, type === 'term' ? 'value' : 'query');
      if (fv instanceof EsError) return fv;
      const [field, value] = fv;
      return (h) => fieldValues(h, field).some((v) => termEquals(v, value));
    }
    case 'terms': {
      if (!isObject(body)) return parsingError('[terms] query malformed, no start_object after query name');
      const entries = Object.entries(body).filter(([k]) => k !== 'boost' && k !== '_name');
      if (entries.length !== 1 || !Array.isArray(entries[0]![1])) return parsingError('[terms] query does not support multiple fields');
      const [field, values] = entries[0]! as [string, unknown[]];
      return (h) => fieldValues(h, field).some((v) => values.some((q2) => termEquals(v, q2)));
    }
    case 'ids': {
      const values = isObject(body) && Array.isArray(body['values']) ? body['values'].map(String) : undefined;
      if (!values) return parsingError('[ids] query malformed, no values');
      return (h) => values.includes(h.doc.id);
    }
    case 'exists': {
      const field = isObject(body) ? body['field'] : undefined;
      if (typeof field !== 'string') return parsingError('[exists] must be provided with a [field]');
      return (h) => fieldValues(h, field).length > 0;
    }
    case 'range': {
      const fv = singleField('range', body, '');
      if (fv instanceof EsError) return fv;
      const field = fv[0];
      const spec = isObject(body) ? body[field] : undefined;
      if (!isObject(spec)) return parsingError(`[range] query malformed, no start_object after field [${field}]`);
      const checks: [string, (c: number) => boolean][] = [
        ['gt', (c) => c > 0], ['gte', (c) => c >= 0], ['lt', (c) => c < 0], ['lte', (c) => c <= 0],
      ];
      const active = checks.filter(([k]) => spec[k] !== undefined && spec[k] !== null);
      return (h) =>
        fieldValues(h, field).some((v) =>
          active.every(([k, ok]) => {
            const c = compareToBound(v, spec[k]);
            return c !== undefined && ok(c);
          }),
        );
    }
    case 'bool':
      return compileBool(body);
    default:
      return parsingError(`unknown query [${type}]`);
  }
}
