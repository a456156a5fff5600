/**
 * Finding a target: a shipped one by name, or a module by path (`.ts`/`.js`, default
 * export a target). A path is accepted only where a user typed it (a flag), never from
 * a file's content: loading a module runs its code.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SHIPPED_TARGETS } from '../targets/index.ts';
import { InputError } from './input-error.ts';
import { kindOf, MAX_INPUT_FILE_BYTES } from './input-file.ts';
import { targetProblem, type AnyTarget } from './target.ts';
import { didYouMean } from './suggest.ts';

/** A target as a case holds it: the module and how the user named it. */
export interface LoadedTarget {
  readonly target: AnyTarget;
  /** What to pass to `--target` to get it again: its name when shipped, else the path as given. */
  readonly ref: string;
  /** Whether it ships with `dst` (its name alone finds it). */
  readonly shipped: boolean;
}

/** The default target's name. */
export const DEFAULT_TARGET = (SHIPPED_TARGETS[0] as { name: string }).name;

/** The file names a target module may have. */
const MODULE_EXT = /\.(ts|mts|js|mjs)$/;

/** Whether a `--target` value is a module path rather than a shipped target's name. */
export function isTargetPath(ref: string): boolean {
  return /\.(ts|mts|js|mjs)$/.test(ref) || ref.startsWith('.') || ref.startsWith('/');
}

/** Names of the shipped targets, in listing order. */
export function shippedTargetNames(): string[] {
  return SHIPPED_TARGETS.map((t) => t.name);
}

const loaded = new Map<string, LoadedTarget>();

/** Loads a target by shipped name or module path; any problem is an {@link InputError} naming it. */
export async function loadTarget(ref: string = DEFAULT_TARGET, flag = '--target'): Promise<LoadedTarget> {
  const key = isTargetPath(ref) ? resolve(ref) : ref;
  const hit = loaded.get(key);
  if (hit !== undefined) return { ...hit, ref };
  const t = isTargetPath(ref) ? await loadModule(ref, flag) : await loadShipped(ref, flag);
  const lt: LoadedTarget = { target: t, ref, shipped: !isTargetPath(ref) };
  loaded.set(key, lt);
  return lt;
}

async function loadShipped(name: string, flag: string): Promise<AnyTarget> {
  const s = SHIPPED_TARGETS.find((t) => t.name === name);
  if (s === undefined) {
    const names = shippedTargetNames();
    throw new InputError(`${flag}: unknown target "${name}"${didYouMean(name, names)} (shipped: ${names.length > 8 ? `${names.slice(0, 8).join(', ')}, … (dst list shows all ${names.length})` : names.join(', ')}; or give a path to a .ts/.js module)`);
  }
  return s.load();
}

async function loadModule(path: string, flag: string): Promise<AnyTarget> {
  const file = resolve(path);
  if (!MODULE_EXT.test(file)) throw new InputError(`${flag}: ${path} is not a .ts/.mts/.js/.mjs module`);
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new InputError(`${flag}: no such file ${path}`);
  }
  if (!st.isFile()) throw new InputError(`${flag}: ${path} is ${kindOf(st)}, not a regular file`);
  if (st.size > MAX_INPUT_FILE_BYTES) throw new InputError(`${flag}: ${path} is larger than ${MAX_INPUT_FILE_BYTES / (1024 * 1024)} MB`);
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0]?.slice(0, 200) ?? '';
    throw new InputError(`${flag}: ${path} could not be loaded: ${first}`);
  }
  if (mod.default === undefined) throw new InputError(`${flag}: ${path} has no default export (export default defineTarget({...}))`);
  const problem = targetProblem(mod.default);
  if (problem !== null) throw new InputError(`${flag}: ${path}: its default export is not a target: ${problem}`);
  return mod.default as AnyTarget;
}

/** Every shipped target, loaded (for `dst list`). */
export async function loadShippedTargets(): Promise<LoadedTarget[]> {
  const out: LoadedTarget[] = [];
  for (const s of SHIPPED_TARGETS) out.push(await loadTarget(s.name));
  return out;
}
