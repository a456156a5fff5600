/**
 * An agent whose checkin is refused at once retries after a backoff: without one, agents
 * refused by a pending-dispatch limit with no gap between checkins spun at one virtual
 * instant (the flush that would let them through never fired) until a budget stopped the run.
 */
import { describe, expect, it } from 'vitest';
import { runCase } from '../harness/case.ts';
import { engineCase } from '../targets/bulk-engine/testing.ts';
import { sec } from '../sim/index.ts';
import { retryBackoff } from './agent.ts';

describe('checkin retry backoff', () => {
  it('1 s after the first refusal, doubling, at most 60 s', () => {
    expect([1, 2, 3, 7, 8, 20].map(retryBackoff)).toEqual([sec(1), sec(2), sec(4), sec(60), sec(60), sec(60)]);
  });

  it('remote-config-change in swarm seed 5 (a dispatch limit of 16, no gap) ends in virtual time instead of spinning', () => {
    const run = runCase(engineCase({ scenario: 'remote-config-change', variant: 'hardened', seed: 5, swarm: true }));
    expect(run.result.outcome.kind).not.toBe('resource-budget');
    expect(run.result.outcome.kind).not.toBe('step-budget');
    expect(run.result.time).toBeGreaterThan(sec(10));
  });
});
