/**
 * A test target whose runs depend on the host in one way per variant, none of which the
 * guard can trap: the environment (a decision's width), the time zone (a local date), the
 * locale (a formatted number) or Intl's default time zone (a note). `clean` depends on
 * nothing. Only a second run on another host (`--check-determinism`) tells them apart.
 */
import { z } from 'zod';
import { gosched, label } from '../../sim/index.ts';
import { defineTarget } from '../target.ts';

const pick = label('host-target.pick', 'workload');

/** What each variant reads of the host (plain values: none of them is trapped). */
const READS: Readonly<Record<string, () => string>> = {
  tz: () => `local midnight 2020-01-01 is ${new Date(2020, 0, 1).getTime()}`,
  locale: () => `formatted ${(1234.5).toLocaleString()}`,
  intl: () => `time zone ${Intl.DateTimeFormat().resolvedOptions().timeZone}`,
  clean: () => 'nothing of the host',
};

export default defineTarget({
  name: 'host-dependent',
  description: 'a target whose trace depends on the host (environment, time zone, locale)',
  variants: [
    { name: 'env', description: 'the width of its first decision depends on $HOME' },
    { name: 'tz', description: 'notes a local date' },
    { name: 'locale', description: 'notes a number formatted for the locale' },
    { name: 'intl', description: "notes Intl's default time zone" },
    { name: 'clean', description: 'reads nothing of the host' },
  ],
  config: z.strictObject({}),
  configurations: [{ name: 'default', description: 'one task', config: {} }],
  limits: () => ({ maxSteps: 1000 }),
  build(sim, _config, { variant }) {
    sim.spawn('reader', function* () {
      if (variant === 'env') sim.decide(2 + ((process.env.HOME ?? '').length % 5), pick);
      else sim.note((READS[variant] as () => string)());
      yield* gosched();
    });
  },
  properties: [],
});
