/**
 * The cluster: its indices, index creation (settings, mappings) and resolution of index
 * expressions, plus the deterministic counters (uuids, auto ids, write version).
 */
import { EsError, illegalArgument, indexNotFound } from '../errors.ts';
import { isObject } from '../json.ts';
import { IndexStore } from './index-store.ts';
import { parseMappings } from './mappings.ts';
import { isWildcard, resolveDateMath, validateIndexName, wildcardMatch } from './names.ts';
import { deterministicId } from './uuid.ts';

/** Options for resolving an index expression (`indices_options`). */
export interface ResolveOptions {
  /** Missing concrete indices are dropped instead of failing. */
  ignoreUnavailable: boolean;
  /** An expression that resolves to nothing is fine (else 404). */
  allowNoIndices: boolean;
}

/** Flattens nested settings (`{index:{refresh_interval:-1}}`) into dotted keys. */
function flattenSettings(obj: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (!isObject(obj)) return out;
  for (const [k, v] of Object.entries(obj)) {
    if (isObject(v)) flattenSettings(v, prefix + k + '.', out);
    else out[prefix + k] = v;
  }
  return out;
}

/** The set of indices plus the deterministic counters (uuids, auto ids, write version). */
export class Cluster {
  /** Indices by name. */
  readonly indices = new Map<string, IndexStore>();
  #created = 0;
  #autoIds = 0;
  /** Bumped on every state change. */
  writeVersion = 0;

  /** @param autoCreateIndex whether writes create missing indices (ES default: true). */
  constructor(readonly autoCreateIndex: boolean) {}

  /** Creates an index, validating its name, settings and mappings. */
  create(name: string, body: Record<string, unknown>): IndexStore | EsError {
    const bad = validateIndexName(name);
    if (bad) return bad;
    const existing = this.indices.get(name);
    if (existing) {
      return new EsError(400, {
        type: 'resource_already_exists_exception',
        reason: `index [${name}/${existing.uuid}] already exists`,
        index_uuid: existing.uuid,
        index: name,
      });
    }
    const settings = flattenSettings(body['settings']);
    const soft = settings['soft_deletes.enabled'] ?? settings['index.soft_deletes.enabled'];
    if (soft === false || soft === 'false') {
      return illegalArgument(
        'Creating indices with soft-deletes disabled is no longer supported. Please do not specify a value for setting [index.soft_deletes.enabled].',
      );
    }
    const fields = parseMappings(body['mappings']);
    if (fields instanceof EsError) return fields;
    const store = new IndexStore(name, deterministicId(name, this.#created++), settings);
    for (const [f, t] of fields) store.fieldTypes.set(f, t);
    this.indices.set(name, store);
    this.writeVersion++;
    return store;
  }

  /** The index a write goes to, auto-creating it when allowed. */
  forWrite(name: string): IndexStore | EsError {
    const resolved = resolveDateMath(name);
    const existing = this.indices.get(resolved);
    if (existing) return existing;
    const bad = validateIndexName(resolved);
    if (bad) return bad;
    if (!this.autoCreateIndex) return indexNotFound(resolved);
    return this.create(resolved, {});
  }

  /** Next deterministic auto-generated document id (20 characters, like ES's). */
  nextAutoId(): string {
    return deterministicId('auto-id', this.#autoIds++, 20);
  }

  /** Resolves a comma-separated expression list to indices (sorted by name, no duplicates). */
  resolve(parts: readonly string[], opts: ResolveOptions): IndexStore[] | EsError {
    const names = parts.length === 0 ? ['_all'] : parts.map(resolveDateMath);
    const found = new Set<string>();
    const all = [...this.indices.keys()];
    for (const expr of names) {
      if (expr === '_all' || expr === '*') {
        all.filter((n) => !n.startsWith('.')).forEach((n) => found.add(n));
      } else if (isWildcard(expr)) {
        all.filter((n) => wildcardMatch(expr, n) && (expr.startsWith('.') || !n.startsWith('.'))).forEach((n) => found.add(n));
      } else if (this.indices.has(expr)) {
        found.add(expr);
      } else if (!opts.ignoreUnavailable) {
        return indexNotFound(expr);
      }
    }
    if (found.size === 0 && !opts.allowNoIndices) return indexNotFound(names.join(','));
    return [...found].sort().map((n) => this.indices.get(n)!);
  }
}
