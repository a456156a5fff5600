/**
 * The shutdown sequence: at the end of the load the server stops accepting, drains
 * for `serverDrainS`, force-closes what is left (request contexts cancelled), and
 * then the bulker's context is cancelled (spec §8.2: the bulker ctx is cancelled only
 * after the server has drained).
 */
import { gosched, sec, sleep, type CancelFunc, type Proc } from '../sim/index.ts';
import type { EngineWorld } from './world.ts';

/** Task `shutdown`. */
export function* shutdownSequence(w: EngineWorld, cancelServer: CancelFunc, cancelBulker: CancelFunc): Proc<void> {
  yield* sleep(sec(w.scenario.durationS));
  w.stopping = true;
  w.sim.note('shutdown: server stops accepting');
  yield* sleep(sec(w.scenario.shutdown.serverDrainS));
  w.sim.note('shutdown: server drained; request contexts cancelled');
  cancelServer();
  yield* gosched('shutdown');
  w.sim.note("shutdown: bulker's context cancelled");
  w.bulkerStopped = true;
  cancelBulker();
}
