/**
 * The part of Go's `testing.T` (as of Go 1.14, the GoKer era) that the testing-library
 * kernels depend on: `t.Run` runs a subtest in a goroutine of its own and waits for its
 * signal; when a test function returns, `tRunner` sets `t.done` without taking `t.mu`
 * (on purpose, so that the race detector reports a goroutine that logs while or after its
 * test completes); `t.Logf` reads `done` under `t.mu` and, once the test is done, logs to
 * the nearest ancestor still running, or panics with "Log in goroutine after … has
 * completed" when none is.
 */
import { GoPanic, Mutex, recv, send, Shared, type Proc, type Sim } from '../../sim/index.ts';

/** A test or subtest (`*testing.T`). */
export class GoTest {
  /** `t.done`: set by tRunner when the test function has returned. */
  private readonly done: Shared<boolean>;
  /** `t.mu`. */
  private readonly mu: Mutex;
  /** What the test logged (`t.output`), for checks. */
  readonly output: string[] = [];

  constructor(
    private readonly sim: Sim,
    /** The full name, e.g. `TestX/sub`. */
    readonly name: string,
    private readonly parent: GoTest | null = null,
  ) {
    this.done = new Shared(sim, false, `${name}: t.done`);
    this.mu = new Mutex(sim, `${name}: t.mu`);
  }

  /**
   * Runs `fn` as this test's body in the calling goroutine, then completes the test as
   * tRunner's deferred function does (`t.done = true`, unlocked).
   */
  *runBody(fn: (t: GoTest) => Proc<void>): Proc<void> {
    yield* fn(this);
    this.done.store(true, 'testing.tRunner: t.done = true');
  }

  /** `t.Run(name, fn)`: runs the subtest in a new goroutine and waits until it has completed. */
  *run(name: string, fn: (t: GoTest) => Proc<void>): Proc<void> {
    const sub = new GoTest(this.sim, `${this.name}/${name}`, this);
    const signal = this.sim.chan<boolean>(0, `${sub.name}: t.signal`);
    this.sim.spawn(`tRunner ${sub.name}`, function* () {
      yield* sub.runBody(fn);
      yield* send(signal, true);
    });
    yield* recv(signal);
  }

  /** `t.Logf(…)`: `site` names the caller. */
  *logf(msg: string, site: string): Proc<void> {
    const held: Mutex[] = [this.mu];
    yield* this.mu.lock();
    let into: GoTest | null = this.done.load(`${site}: t.Logf reads t.done`) ? null : this;
    for (let p = this.parent; into === null && p !== null; p = p.parent) {
      yield* p.mu.lock();
      held.push(p.mu);
      if (!p.done.load(`${site}: t.Logf reads the parent's t.done`)) into = p;
    }
    // A panic ends the run, so the deferred unlocks matter only when the message was logged.
    if (into === null) throw new GoPanic(`Log in goroutine after ${this.name} has completed`);
    into.output.push(msg);
    for (const m of held.reverse()) yield* m.unlock();
  }
}
