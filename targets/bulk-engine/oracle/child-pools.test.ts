/**
 * Child bulkers (remote outputs) have pools of their own, whose blocks are numbered from 0
 * like the main pool's, and flush tasks named like the main bulker's: the carriage must not
 * take block 0 of one pool, or "flush-1-apiKeyUpdate" of one child, for another's. It once
 * did, and reported flushes that answered every block as flushes that never answered one.
 */
import { describe, expect, it } from 'vitest';
import { runCase } from '../../../harness/case.ts';
import { engineCase } from '../testing.ts';

describe('carriage across child bulkers', () => {
  it('remote-config-change in swarm seed 37 on hardened: two children each answer their own block 0.1; no answer-oracle violation', () => {
    const run = runCase(engineCase({ scenario: 'remote-config-change', variant: 'hardened', seed: 37, swarm: true }));
    expect(run.report.violations.filter((v) => v.property === 'answer-oracle').map((v) => v.message)).toEqual([]);
  });
});
