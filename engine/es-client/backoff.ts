/**
 * `backoff.ExponentialBackOff` (github.com/cenkalti/backoff, v4.3.0 at 9.3–9.5, v7.0.0 at
 * main) as fleet-server's `WithBackoff` (`internal/pkg/es/client.go` l.190–205 at dc8e230)
 * uses it: ONE instance per ES client, made in `applyDefaultOptions` (l.37–42: initial
 * 0.5 s, randomization 0.5, multiplier 1.5 by default, max interval 10 s) and shared by
 * every request that client sends. `RetryBackoff(attempt)` resets it when `attempt == 1`
 * and then calls `NextBackOff()`, so concurrent retrying requests reset and advance one
 * another's interval. The library says it is not thread-safe and nothing locks it: in Go
 * this is an unsynchronized read-modify-write from every flush goroutine that retries (a
 * data race). Here each call is atomic between two scheduling points, and
 * `currentInterval` is a tracked cell: two requests whose retries are not ordered by
 * anything else report that race (sites `RetryBackoff: b.Reset()` and
 * `ExponentialBackOff.NextBackOff: ...`).
 *
 * v4's `MaxElapsedTime` (15 min since the last Reset) is never reached: every request
 * resets at its first retry and lives at most a flush context (60 s) or six attempts of
 * at most the 90 s header timeout, so v4 and v7 behave alike.
 */
import { label, Shared, type Micros, type Sim } from '../../sim/index.ts';

/** How many equally spaced values `rand.Float64()` takes in the model (a decision of this width). */
export const JITTER_STEPS = 16;

const JITTER = label('es-client.backoff-jitter', 'fault');

/** The parameters of an exponential backoff, in microseconds. */
export interface BackoffParams {
  readonly initial: Micros;
  readonly randomization: number;
  readonly multiplier: number;
  readonly max: Micros;
}

/** `applyDefaultOptions`'s backoff: 500 ms, ±50 %, ×1.5, capped at 10 s. */
export const FLEET_BACKOFF: BackoffParams = Object.freeze({ initial: 500_000, randomization: 0.5, multiplier: 1.5, max: 10_000_000 });

/** One shared `ExponentialBackOff`. */
export class ExponentialBackOff {
  /** `b.currentInterval`, in nanoseconds as Go keeps it; shared by every request of the client. */
  private readonly current: Shared<number>;

  constructor(
    private readonly sim: Sim,
    readonly params: BackoffParams,
    /** Name of the cell in race reports. */
    name = 'backoff',
  ) {
    this.current = new Shared(sim, params.initial * 1000, `${name}.currentInterval`);
  }

  /** The interval the next `NextBackOff` randomizes around, µs (for tests and traces; untracked). */
  get currentInterval(): Micros {
    return Math.floor(this.current.peek() / 1000);
  }

  /** `Reset()`. */
  reset(): void {
    this.current.store(this.params.initial * 1000, 'RetryBackoff: b.Reset()');
  }

  /**
   * `NextBackOff()`: `current ± randomization·current` with `rand.Float64()` drawn from the
   * decision stream (label `es-client.backoff-jitter`), then the interval grows by the
   * multiplier, capped at the max interval (which caps the interval, not the draw).
   */
  nextBackOff(): Micros {
    const p = this.params;
    let cur = this.current.load('ExponentialBackOff.NextBackOff: read b.currentInterval');
    if (cur === 0) cur = p.initial * 1000;
    const random = this.sim.decide(JITTER_STEPS, JITTER) / JITTER_STEPS;
    const delta = p.randomization * cur;
    const min = cur - delta;
    const max = cur + delta;
    const next = Math.floor(min + random * (max - min + 1));
    this.current.store(cur >= (p.max * 1000) / p.multiplier ? p.max * 1000 : Math.floor(cur * p.multiplier), 'ExponentialBackOff.NextBackOff: b.currentInterval = ...');
    return Math.floor(next / 1000);
  }
}
