/**
 * GoKer cockroach#2448 — communication deadlock, channel.
 *
 * The raft state loop (`state.start`) publishes each committed entry by sending on the
 * unbuffered `Events` channel. The store's loop (`processRaft`) receives an event and runs
 * its callback, which sends on `callbackChan`, read only by the state loop. When the
 * state loop has gone on to publish the next event, each waits for the other.
 *
 * Fix (cockroach#2448): `sendEvent` appends to a queue of pending events instead of
 * blocking, and the state loop offers the head of that queue as one more case of its
 * select, so it keeps serving `callbackChan`.
 *
 * The GoKer test returns at once and leaves both loops running forever (they spin), so a
 * fixed kernel could never end. Here the test lets them run until three callbacks have
 * been served and then stops the stopper, in both variants (cockroach's tests end with
 * `stopper.Stop()`); the buggy kernel deadlocks before the third callback whenever it
 * deadlocks at all.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, onRecv, onSend, recv, select, sleep, type Chan, type Proc, type SelectCase, type Sim } from '../../../sim/index.ts';
import { Nanosecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

/** Callbacks the test waits for before it stops the stopper. */
const CALLBACKS = 3;

interface MembershipChange {
  readonly callback: () => Proc<void>;
}

export default defineTarget({
  ...kernelTarget({
    id: 'cockroach_2448',
    description: 'state.start blocks sending an event while processRaft blocks handing it a callback',
    fix: 'queue pending events and offer the head of the queue in the state loop\'s select',
    source: 'https://github.com/cockroachdb/cockroach/pull/2448',
    maxSteps: 100_000,
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const stopper = sim.chan<never>(0, 'stopper.Done');
    const events = sim.chan<MembershipChange>(0, 'Events');
    const callbackChan = sim.chan<() => Proc<void>>(0, 'callbackChan');
    /** Fixed variant: events not yet taken by the store. */
    const pending: MembershipChange[] = [];
    /** Test instrumentation: closed when the CALLBACKS-th callback has run. */
    const served = sim.chan<never>(0, 'callbacks served');
    let callbacks = 0;

    function* sendEvent(e: MembershipChange): Proc<void> {
      if (fixed) {
        pending.push(e);
        return;
      }
      yield* select([onSend(events, e), onRecv(stopper)]);
    }
    function* processCommittedEntry(): Proc<void> {
      yield* sendEvent({
        *callback() {
          const cb = function* (): Proc<void> {
            yield* sleep(Nanosecond);
            if (++callbacks === CALLBACKS) closeChan(served);
          };
          yield* select([onSend(callbackChan, cb), onRecv(stopper)]);
        },
      });
    }
    function* start(): Proc<void> {
      for (;;) {
        const cases: SelectCase[] = [onRecv(stopper), onRecv(callbackChan)];
        if (fixed && pending.length > 0) cases.push(onSend(events, pending[0]));
        const r = yield* select(cases, true);
        if (r.index === 0) return;
        if (r.index === 1) yield* (r.value as () => Proc<void>)();
        else if (r.index === 2) pending.shift();
        else yield* processCommittedEntry(); // default: handleWriteResponse
      }
    }
    function* processRaft(): Proc<void> {
      for (;;) {
        const r = yield* select([onRecv(events), onRecv(stopper)]);
        if (r.index === 1) return;
        yield* (r.value as MembershipChange).callback();
      }
    }

    sim.spawn('test', function* () {
      sim.spawn('processRaft', processRaft);
      sim.spawn('state.start', start);
      yield* recv(served as Chan<never>);
      closeChan(stopper);
    });
    return {};
  },
});
