/**
 * Choosing a target's configuration: a named one, or a JSON file validated by the
 * target's schema. Variants are resolved here too (aliases to canonical names).
 */
import { basename } from 'node:path';
import { InputError, validateInput } from './input-error.ts';
import { parseJsonText, readInputFile } from './input-file.ts';
import type { AnyTarget } from './target.ts';
import { didYouMean } from './suggest.ts';

export { MAX_INPUT_FILE_BYTES, parseJsonText, readInputFile } from './input-file.ts';

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
  return validateInput(t.config, raw, `scenario ${source}`);
}

/** The name a configuration reports under. */
export function configName(t: AnyTarget, config: unknown, ref: string): string {
  return t.nameOf?.(config) ?? (isConfigPath(ref) ? basename(ref).replace(/\.json$/, '') : ref);
}

/** Chooses a configuration by name or path (`--scenario`). */
export function chooseConfig(t: AnyTarget, ref: string, flag = '--scenario'): ChosenConfig {
  if (isConfigPath(ref)) {
    const config = parseConfig(t, parseJsonText(readInputFile(ref, flag), `scenario ${ref}`), ref);
    return { config, ref, name: configName(t, config, ref) };
  }
  const named = t.configurations.find((c) => c.name === ref);
  if (named === undefined) throw new InputError(`${flag}: unknown scenario "${ref}" of target ${t.name}${didYouMean(ref, configurationNames(t))} (known: ${configurationNames(t).join(', ')})`);
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
  throw new InputError(`${flag}: unknown variant "${name}" of target ${t.name}${didYouMean(name, names)} (allowed: ${names.join(', ')})`);
}
