/**
 * The target's setup (swarm switches and build) runs under the nondeterminism guard: a
 * leak there is a `determinism` violation before the first step, and the target's
 * properties are not checked against a world that was never completely built.
 */
import { describe, expect, it } from 'vitest';
import { runCase } from './case.ts';
import type { LoadedTarget } from './targets.ts';
import leaky from './testing/leaky-target.ts';

const target: LoadedTarget = { target: leaky, ref: 'leaky-setup', shipped: false };
const run = (variant: string, swarm: boolean) => runCase({ target, config: { n: 1 }, configRef: 'default', configName: 'default', variant, strategy: { kind: 'random', seed: 0 }, swarm }).report;

describe('setup under the guard', () => {
  it('Date.now() in build ends the case as a determinism violation, before any step', () => {
    const r = run('build', false);
    expect(r.outcome).toBe('nondeterminism');
    expect(r.steps).toBe(0);
    expect(r.violations.map((v) => v.property)).toEqual(['determinism']);
    expect(r.message).toBe('nondeterminism leak: Date.now called');
  });

  it('Math.random() in swarm does too', () => {
    const r = run('swarm', true);
    expect(r.outcome).toBe('nondeterminism');
    expect(r.violations.map((v) => v.property)).toEqual(['determinism']);
    expect(r.message).toBe('nondeterminism leak: Math.random called');
  });

  it('a clean setup is checked as usual', () => {
    const r = run('clean', false);
    expect(r.outcome).toBe('ok');
    expect(r.violations.map((v) => v.property)).toEqual(['never-checked-after-a-leak']);
  });
});
