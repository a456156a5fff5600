/**
 * Field mappings: explicit `mappings.properties`, and dynamic mapping of new fields.
 */
import { EsError } from '../errors.ts';
import { isObject } from '../json.ts';
import type { IndexStore } from './index-store.ts';

/** Reads `mappings.properties` into dotted field → type entries; rejects empty field names as ES does. */
export function parseMappings(mappings: unknown): Map<string, string> | EsError {
  const out = new Map<string, string>();
  const walk = (props: unknown, prefix: string): EsError | undefined => {
    if (!isObject(props)) return undefined;
    for (const [name, def] of Object.entries(props)) {
      if (name.trim() === '') {
        return new EsError(400, {
          type: 'mapper_parsing_exception',
          reason: 'Failed to parse mapping: field name cannot be an empty string',
          caused_by: { type: 'illegal_argument_exception', reason: 'field name cannot be an empty string' },
        });
      }
      if (!isObject(def)) continue;
      const full = prefix + name;
      if (typeof def['type'] === 'string') out.set(full, def['type']);
      const err = walk(def['properties'], full + '.');
      if (err) return err;
    }
    return undefined;
  };
  const err = isObject(mappings) ? walk(mappings['properties'], '') : undefined;
  return err ?? out;
}

/** Dynamic mapping: records a type for every new leaf field of a document (long, float, boolean, text, object). */
export function learnFieldTypes(index: IndexStore, source: Record<string, unknown>, prefix = ''): void {
  for (const [k, v] of Object.entries(source)) {
    const name = prefix + k;
    if (isObject(v)) {
      learnFieldTypes(index, v, name + '.');
      continue;
    }
    if (index.fieldTypes.has(name)) continue;
    const sample = Array.isArray(v) ? v.find((x) => x !== null) : v;
    if (typeof sample === 'number') index.fieldTypes.set(name, Number.isInteger(sample) ? 'long' : 'float');
    else if (typeof sample === 'boolean') index.fieldTypes.set(name, 'boolean');
    else if (typeof sample === 'string') index.fieldTypes.set(name, 'text');
  }
}
