/**
 * Loading scenarios: by name from fixtures/scenarios/, or from a JSON file path.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, validateInput } from '../harness/input-error.ts';
import { parseJsonText, readInputFile } from '../harness/input-file.ts';
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
  return validateInput(ScenarioSchema, raw, `scenario ${source}`);
}

/** Parses scenario JSON text; throws {@link InputError} on malformed JSON or a bad field (echoing none of the text). */
export function parseScenarioText(text: string, source: string): Scenario {
  return parseScenario(parseJsonText(text, `scenario ${source}`), source);
}

/** Loads a scenario by name (a shipped one) or by path to a `.json` file (read as untrusted input). */
export function loadScenario(nameOrPath: string): Scenario {
  const looksLikePath = nameOrPath.endsWith('.json') || nameOrPath.includes('/');
  if (!looksLikePath && !scenarioNames().includes(nameOrPath)) throw new InputError(`--scenario: unknown scenario "${nameOrPath}" (known: ${scenarioNames().join(', ')})`);
  const file = looksLikePath ? resolve(nameOrPath) : join(SCENARIO_DIR, `${nameOrPath}.json`);
  return parseScenarioText(readInputFile(file, '--scenario'), nameOrPath);
}
