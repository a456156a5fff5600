/**
 * The `testing.T` model of the testing-library kernels behaves as Go 1.14's: a Logf while
 * the test runs goes to its output, after it completed to the nearest running ancestor,
 * after all of them completed it panics; and a Logf unordered with the test's completion
 * is a data race on `t.done`.
 */
import { describe, expect, it } from 'vitest';
import { ms, RandomWalk, simulate, sleep, type Sim } from '../../sim/index.ts';
import { GoTest } from './testing-t.ts';

const run = (program: (sim: Sim) => void) => simulate({ strategy: new RandomWalk(0) }, program);

describe('GoTest (testing.T)', () => {
  it('Logf during the test logs to it; after a subtest completed, to its running parent', () => {
    let top: GoTest | null = null;
    let sub: GoTest | null = null;
    const r = run((sim) => {
      top = new GoTest(sim, 'T');
      sim.spawn('T', () =>
        (top as GoTest).runBody(function* (t) {
          yield* t.logf('a', 'top');
          yield* t.run('s', function* (st) {
            sub = st;
          });
          yield* (sub as unknown as GoTest).logf('b', 'after sub'); // ordered after the sub's completion by t.Run
        }),
      );
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.races).toEqual([]);
    expect((top as unknown as GoTest).output).toEqual(['a', 'b']);
  });

  it('Logf after every test completed panics with Go\'s message', () => {
    const r = run((sim) => {
      const t = new GoTest(sim, 'T');
      sim.spawn('T', () => t.runBody(function* () {}));
      sim.spawn('logger', function* () {
        yield* sleep(ms(1)); // T completes at time 0; a sleep orders nothing
        yield* t.logf('x', 'logger');
      });
    });
    expect(r.outcome.message).toContain('Log in goroutine after T has completed');
    expect(r.races.map((x) => x.location)).toContain('T: t.done');
  });
});
