/**
 * GoKer etcd#7902 — mixed deadlock, channel & lock.
 *
 * Three round clients run rounds concurrently; each round validates under a shared mutex
 * and then releases under it too. A follower's release waits for the leader to close the
 * round's channel, but the leader must take the same mutex to reach its own release: a
 * follower that enters release first holds the mutex the leader needs.
 *
 * Fix (etcd#7902, "remove mutex on validate() and release()"): drop the lock around
 * `release`. The fixed variant also restores a synchronisation the GoKer extraction lost:
 * in etcd each round's leader is elected, and a follower observes it before it resigns;
 * with a fixed leader and a no-op `acquire`, the leader could finish its last round
 * before a follower captured that round's channel, leaving the follower waiting forever
 * on a channel nobody will close. Here the leader's release waits until both followers
 * have validated the round.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, Mutex, recv, WaitGroup, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

/** Rounds each client runs (as in GoKer). */
const ROUNDS = 100;

export default defineTarget({
  ...kernelTarget({
    id: 'etcd_7902',
    description: 'a follower waits in release for the leader while holding the mutex the leader needs to reach release',
    fix: 'call release without holding the mutex',
    source: 'https://github.com/etcd-io/etcd/pull/7902',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    let nextc = sim.chan<boolean>(0, 'nextc#0');
    let generation = 0;
    /** Fixed variant: counts down as the two followers validate the current round. */
    let validated = new WaitGroup(sim, 'validated#0');

    interface RoundClient {
      progress: number;
      validate(): Proc<void>;
      release(): Proc<void>;
    }
    const rcs: RoundClient[] = [0, 1, 2].map((i) => {
      let rcNextc: Chan<boolean> | null = null;
      return {
        progress: 0,
        *validate(): Proc<void> {
          rcNextc = nextc;
          if (fixed && i !== 0) yield* validated.done();
        },
        *release(): Proc<void> {
          if (i === 0) {
            // the first client is the leader
            let next: WaitGroup | null = null;
            if (fixed) {
              yield* validated.wait();
              next = new WaitGroup(sim, `validated#${generation + 1}`);
              yield* next.add(2);
            }
            // Publish the next round's channel (and its count) in one step.
            closeChan(nextc);
            nextc = sim.chan<boolean>(0, `nextc#${++generation}`);
            if (next !== null) validated = next;
          }
          yield* recv(rcNextc); // followers wait here for the leader
        },
      };
    });

    function* doRounds(rounds: number): Proc<void> {
      const mu = new Mutex(sim, 'mu');
      const wg = new WaitGroup(sim, 'wg');
      yield* wg.add(rcs.length);
      if (fixed) yield* validated.add(2);
      for (const [i, rc] of rcs.entries()) {
        sim.spawn(`roundClient${i}`, function* () {
          while (rc.progress < rounds || rounds <= 0) {
            // acquire: nothing
            yield* mu.lock();
            yield* rc.validate();
            yield* mu.unlock();
            rc.progress++;
            if (!fixed) yield* mu.lock();
            yield* rc.release();
            if (!fixed) yield* mu.unlock();
          }
          yield* wg.done();
        });
      }
      yield* wg.wait();
    }

    sim.spawn('test', function* () {
      sim.spawn('runElectionFunc', () => doRounds(ROUNDS));
    });
    return {};
  },
});
