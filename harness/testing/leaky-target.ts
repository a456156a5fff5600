/**
 * A test target whose setup reaches for the host, in one of three places chosen by its
 * variant: `build` (reads the clock while spawning), `swarm` (draws a switch from
 * Math.random) or `clean` (does neither). Its one task then does one step.
 */
import { z } from 'zod';
import { gosched } from '../../sim/index.ts';
import { defineTarget } from '../target.ts';

export default defineTarget({
  name: 'leaky-setup',
  description: 'a target whose setup reads the host clock or randomness',
  variants: [
    { name: 'build', description: 'build calls Date.now()' },
    { name: 'swarm', description: 'swarm calls Math.random()' },
    { name: 'clean', description: 'no leak' },
  ],
  config: z.strictObject({ n: z.number().int().min(0).max(10) }),
  configurations: [{ name: 'default', description: 'one task', config: { n: 1 } }],
  limits: () => ({ maxSteps: 1000 }),
  swarm: (c) => ({ n: c.n + (Math.random() < 2 ? 0 : 1) }), // determinism-ok: the leak under test
  build(sim, _config, { variant }) {
    if (variant === 'build') sim.note(`built at ${Date.now()}`); // determinism-ok: the leak under test
    sim.spawn('one', function* () {
      yield* gosched();
    });
    return { variant };
  },
  properties: [{ name: 'never-checked-after-a-leak', description: 'fails whenever it is checked', severity: 'wrong-answer', check: () => [{ property: 'never-checked-after-a-leak', message: 'checked', evidence: { step: 0, time: 0 } }] }],
});
