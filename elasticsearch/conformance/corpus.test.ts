/**
 * The conformance corpus in `npm test`: when the shared corpus is present, enough of the
 * sections the fake serves must pass.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KNOWN_FAILURES } from './known-failures.ts';
import { runCorpus } from './runner.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = resolve(projectRoot, '../shared/es-rest-tests');

describe('Elasticsearch YAML REST conformance', () => {
  if (!existsSync(corpus)) {
    // Shown in the default reporter's output too, not only as a skipped test's name.
    console.warn(`SKIPPED Elasticsearch YAML REST conformance: corpus directory not found at ${corpus}; conformance not measured`);
    it.skip(`SKIPPED: corpus directory not found at ${corpus}; conformance not measured`, () => {});
    return;
  }
  it('passes at least 90% of the sections that use only supported APIs, and fails only its known failures', () => {
    const r = runCorpus(corpus, KNOWN_FAILURES);
    const ran = r.passed + r.failed + r.knownFailed;
    const failures = r.sections.filter((s) => s.status === 'failed').map((s) => `${s.file} "${s.name}": ${s.detail}`);
    expect(ran).toBeGreaterThan(0);
    expect(r.passed / ran, failures.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(failures).toEqual([]);
    expect(r.stale).toEqual([]);
  });
});
