/**
 * Choosing a target's configuration: a named one, or a JSON file validated by the
 * target's schema. Variants are resolved here too (aliases to canonical names).
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { describeZodError, InputError } from './input-error.ts';
import type { AnyTarget } from './target.ts';

/** Largest configuration or repro file read (bytes). */
export const MAX_INPUT_FILE_BYTES = 16 * 1024 * 1024;

/** A configuration as a case holds it. */
export interface ChosenConfig {
  readonly config: unknown;
  /** How the user named it (a configuration name, or a file path), for replay commands. */
  readonly ref: string;
  /** The name reports use. */
  readonly name: string;
}

/** Whether a `--scenario` value is a file path rather than a configuration's name. */
export function isConfigPath(ref: string): boolean {
  return ref.endsWith('.json') || ref.includes('/');
}

/** The names of a target's configurations. */
export function configurationNames(t: AnyTarget): string[] {
  return t.configurations.map((c) => c.name);
}

/** Validates a parsed configuration against the target's schema; `source` names it in errors. */
export function parseConfig(t: AnyTarget, raw: unknown, source: string): unknown {
  const r = t.config.safeParse(raw);
  if (!r.success) throw new InputError(describeZodError(`scenario ${source}`, r.error));
  return r.data;
}

/** The name a configuration reports under. */
export function configName(t: AnyTarget, config: unknown, ref: string): string {
  return t.nameOf?.(config) ?? (isConfigPath(ref) ? basename(ref).replace(/\.json$/, '') : ref);
}

/**
 * Reads a small regular file as UTF-8 text; any problem is an {@link InputError} that
 * echoes none of its content. `what` names the input: a flag (`--scenario`), or a kind of
 * file (`repro file`) that the message follows with the path.
 */
export function readInputFile(file: string, what: string): string {
  const head = what.startsWith('--') ? `${what}: ${file}` : `${what} ${file}`;
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new InputError(what.startsWith('--') ? `${what}: no such file ${file}` : `${head}: cannot be read: no such file`);
  }
  if (!st.isFile()) throw new InputError(`${head} is not a file (a regular file is needed)`);
  if (st.size > MAX_INPUT_FILE_BYTES) throw new InputError(`${head} is larger than ${MAX_INPUT_FILE_BYTES / (1024 * 1024)} MB`);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${head}: cannot be read: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** Parses JSON text; a syntax error is an {@link InputError} that echoes none of the text. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(`${what}: malformed JSON`);
  }
}

/** Chooses a configuration by name or path (`--scenario`). */
export function chooseConfig(t: AnyTarget, ref: string, flag = '--scenario'): ChosenConfig {
  if (isConfigPath(ref)) {
    const config = parseConfig(t, parseJsonText(readInputFile(ref, flag), `scenario ${ref}`), ref);
    return { config, ref, name: configName(t, config, ref) };
  }
  const named = t.configurations.find((c) => c.name === ref);
  if (named === undefined) throw new InputError(`${flag}: unknown scenario "${ref}" of target ${t.name} (known: ${configurationNames(t).join(', ')})`);
  return { config: named.config, ref, name: configName(t, named.config, ref) };
}

/** The configurations `dst run` runs when none is named. */
export function defaultConfigRefs(t: AnyTarget): string[] {
  return [...(t.defaultConfigurations ?? configurationNames(t))];
}

/** Resolves a variant name or alias to the canonical name; unknown is an {@link InputError}. */
export function resolveVariant(t: AnyTarget, name: string | undefined, flag = '--variant'): string {
  if (name === undefined) return (t.variants[0] as { name: string }).name;
  for (const v of t.variants) if (v.name === name || v.aliases?.includes(name)) return v.name;
  const names = t.variants.flatMap((v) => [v.name, ...(v.aliases ?? [])]);
  throw new InputError(`${flag}: unknown variant "${name}" of target ${t.name} (allowed: ${names.join(', ')})`);
}
