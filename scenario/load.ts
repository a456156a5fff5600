/**
 * Loading scenarios: by name from fixtures/scenarios/, or from a JSON file path.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeZodError, InputError } from '../harness/input-error.ts';
import { ScenarioSchema, type Scenario } from './schema.ts';

/** The folder of named scenarios. */
export const SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/scenarios');

/** Names of the shipped scenarios, sorted. */
export function scenarioNames(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Validates an already-parsed scenario object; throws {@link InputError} naming the field. */
export function parseScenario(raw: unknown, source: string): Scenario {
  const r = ScenarioSchema.safeParse(raw);
  if (!r.success) throw new InputError(describeZodError(`scenario ${source}`, r.error));
  return r.data;
}

/** Parses scenario JSON text; throws {@link InputError} on malformed JSON or a bad field. */
export function parseScenarioText(text: string, source: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`scenario ${source}: malformed JSON: ${(e as Error).message}`);
  }
  return parseScenario(raw, source);
}

/** Loads a scenario by name (a shipped one) or by path to a `.json` file. */
export function loadScenario(nameOrPath: string): Scenario {
  const looksLikePath = nameOrPath.endsWith('.json') || nameOrPath.includes('/');
  const file = looksLikePath ? resolve(nameOrPath) : join(SCENARIO_DIR, `${nameOrPath}.json`);
  if (!existsSync(file)) {
    if (looksLikePath) throw new InputError(`--scenario: no such file ${nameOrPath}`);
    throw new InputError(`--scenario: unknown scenario "${nameOrPath}" (known: ${scenarioNames().join(', ')})`);
  }
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new InputError(`--scenario: ${nameOrPath} is not a file`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`--scenario: cannot read ${nameOrPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseScenarioText(text, nameOrPath);
}
