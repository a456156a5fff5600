/**
 * The world builder honours the scenario's switches.
 */
import { describe, expect, it } from 'vitest';
import { runCase } from '../harness/case.ts';
import { engineCase } from '../targets/bulk-engine/testing.ts';
import { parseScenario } from './load.ts';

const v7b = (daemons: string[]) =>
  parseScenario(
    { name: 'v7b', durationS: 3, drainS: 30, daemons, workload: { agents: 0, backgroundMultiUpdateEveryS: 0, backgroundCallers: { count: 1, everyS: 0.5 } }, shutdown: { serverDrainS: 0.2 } },
    'v7b',
  );

describe('buildWorld', () => {
  it('tasks matching a `daemons` prefix may stay blocked; others are reported stuck', () => {
    const run = (daemons: string[]) => runCase(engineCase({ scenario: v7b(daemons), variant: 'upstream', seed: 0 })).report;
    const plain = run([]);
    expect(plain.violations.some((v) => v.property === 'no-stuck-tasks')).toBe(true);
    const daemon = run(['bg-caller']);
    expect(daemon.violations.some((v) => v.property === 'no-stuck-tasks')).toBe(false);
    // The run ends once every non-daemon task has finished, as a Go program ends with main.
    expect(daemon.outcome).toBe('ok');
  });
});
