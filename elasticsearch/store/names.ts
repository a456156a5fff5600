/**
 * Index names: validation as ES does it, date-math names (against a fixed virtual now),
 * and wildcard detection.
 */
import { EsError } from '../errors.ts';

const FORBIDDEN = ['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ',', '#', ':'];

/** Error for an invalid index name, as ES's `MetadataCreateIndexService.validateIndexOrAliasName` words it. */
function invalid(name: string, why: string): EsError {
  return new EsError(400, {
    type: 'invalid_index_name_exception',
    reason: `Invalid index name [${name}], ${why}`,
    index_uuid: '_na_',
    index: name,
  });
}

/** Validates a concrete index name for creation; returns the error or undefined when valid. */
export function validateIndexName(name: string): EsError | undefined {
  if (name.length === 0) return invalid(name, 'must not be empty');
  if (name !== name.toLowerCase()) return invalid(name, 'must be lowercase');
  if (FORBIDDEN.some((c) => name.includes(c)))
    return invalid(name, "must not contain the following characters [' ','\"','*',',','/','<','>','?','\\','|']");
  if (name.startsWith('_') || name.startsWith('-') || name.startsWith('+'))
    return invalid(name, "must not start with '_', '-', or '+'");
  if (name === '.' || name === '..') return invalid(name, "must not be '.' or '..'");
  if (Buffer.byteLength(name, 'utf8') > 255) return invalid(name, 'index name is too long, (' + Buffer.byteLength(name, 'utf8') + ' > 255)');
  return undefined;
}

/** Fixed virtual "now" for date-math index names: 1970-01-01T00:00:00Z (deterministic by design). */
const EPOCH = { y: 1970, M: 1, d: 1 };

/**
 * Resolves a date-math index name such as `<logstash-{now/M}>` against the fixed virtual epoch.
 * Supports `{now}`, `{now/d}`, `{now/M}`, `{now/y}` with an optional `{yyyy.MM.dd}`-style format.
 */
export function resolveDateMath(expr: string): string {
  if (!(expr.startsWith('<') && expr.endsWith('>'))) return expr;
  return expr.slice(1, -1).replace(/\{now(?:\/([yMd]))?(?:\{([^}]*)\})?\}/g, (_m, _round: string | undefined, fmt: string | undefined) => {
    const p2 = (n: number) => String(n).padStart(2, '0');
    const format = fmt ?? 'yyyy.MM.dd';
    return format.replace('yyyy', String(EPOCH.y)).replace('MM', p2(EPOCH.M)).replace('dd', p2(EPOCH.d));
  });
}

/** Whether an index expression part contains a wildcard. */
export function isWildcard(expr: string): boolean {
  return expr.includes('*');
}

/** Matches a name against a `*` wildcard pattern. */
export function wildcardMatch(pattern: string, name: string): boolean {
  const re = new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(name);
}
