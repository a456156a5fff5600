/**
 * Which sections the runner skips and why: versions and cluster features the fake does not
 * claim, runner features and step kinds it does not support, APIs the fake does not serve.
 */
import { API_SPECS } from './api-spec.ts';
import type { Step, TestFile } from './loader.ts';

/** Version the fake claims for legacy `skip.version` ranges and `gte_v*` cluster features. */
export const CLAIMED_VERSION = [9, 0, 0] as const;
/** Non-version cluster features the fake claims (behaviour it implements). */
export const CLAIMED_FEATURES = new Set(['search.sort.int_sort_for_int_short_byte_fields']);
/** Runner features this runner supports (`headers` are accepted and ignored; the fake emits no warnings). */
export const RUNNER_FEATURES = new Set(['headers', 'allowed_warnings', 'allowed_warnings_regex']);
/** Step kinds this runner executes. */
export const STEP_KINDS = new Set(['do', 'match', 'is_true', 'is_false', 'length', 'gt', 'gte', 'lt', 'lte', 'set', 'skip', 'requires']);
/** `do` modifiers this runner understands. */
const DO_MODIFIERS = new Set(['catch', 'headers', 'allowed_warnings', 'allowed_warnings_regex']);

function parseVersion(s: string): number[] {
  return s.trim().split('.').map((x) => Number(x) || 0);
}

function cmp(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** Whether the claimed version falls in a legacy range list such as `" - 6.99.99"`, `"7.0.0 - 7.9.99"`, `all`. */
export function versionInRanges(ranges: string): boolean {
  return ranges.split(',').some((r) => {
    if (r.trim() === 'all') return true;
    const [lo, hi] = r.split('-').map((s) => s.trim());
    const lower = lo ? parseVersion(lo) : [0, 0, 0];
    const upper = hi ? parseVersion(hi) : [999, 999, 999];
    return cmp(CLAIMED_VERSION, lower) >= 0 && cmp(CLAIMED_VERSION, upper) <= 0;
  });
}

/** Whether the fake has a cluster feature (`gte_vX.Y.Z` is derived from the claimed version). */
export function hasClusterFeature(f: string): boolean {
  const m = /^gte_v(\d+\.\d+\.\d+)$/.exec(f);
  return m ? cmp(CLAIMED_VERSION, parseVersion(m[1]!)) >= 0 : CLAIMED_FEATURES.has(f);
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** Reason a `skip`/`requires` step excludes the section, or undefined. */
function conditionReason(step: Step): string | undefined {
  const req = step['requires'] as Record<string, unknown> | undefined;
  const skip = step['skip'] as Record<string, unknown> | undefined;
  if (req) {
    for (const f of list(req['test_runner_features'])) if (!RUNNER_FEATURES.has(f)) return `runner feature [${f}]`;
    for (const f of list(req['cluster_features'])) if (!hasClusterFeature(f)) return `cluster feature [${f}]`;
    if (req['capabilities'] !== undefined) return 'runner feature [capabilities]';
  }
  if (skip) {
    for (const f of list(skip['features'])) if (!RUNNER_FEATURES.has(f)) return `runner feature [${f}]`;
    if (skip['awaits_fix'] !== undefined) return 'awaits_fix';
    if (typeof skip['version'] === 'string' && versionInRanges(skip['version'])) return `skip version [${skip['version']}]`;
    for (const f of list(skip['cluster_features'])) if (hasClusterFeature(f)) return `skipped for cluster feature [${f}]`;
    if (skip['known_issues'] !== undefined) return 'known_issues';
    if (skip['os'] !== undefined) return undefined;
  }
  return undefined;
}

/** Reason a whole section must be skipped (unsupported API, step kind, feature, or a skip condition); undefined to run it. */
export function skipReason(file: TestFile, steps: readonly Step[]): string | undefined {
  for (const step of [...file.setup, ...steps, ...file.teardown]) {
    const kind = Object.keys(step)[0] ?? '';
    if (!STEP_KINDS.has(kind)) return `step kind [${kind}]`;
    if (kind === 'skip' || kind === 'requires') {
      const r = conditionReason(step);
      if (r) return r;
    }
    if (kind === 'do') {
      const d = (step['do'] ?? {}) as Record<string, unknown>;
      for (const k of Object.keys(d)) {
        if (DO_MODIFIERS.has(k)) continue;
        if (k === 'warnings' || k === 'warnings_regex' || k === 'node_selector') return `runner feature [${k}]`;
        if (!API_SPECS[k]) return `api [${k}]`;
      }
    }
  }
  return undefined;
}
