/**
 * GoKer kubernetes#70892 — non-blocking, Go-specific, anonymous function.
 *
 * The scheduler scores nodes with `ParallelizeUntil`: two workers take pieces (nodes)
 * from a closed, buffered channel and run the closure `processNode` on each. The closure
 * captures the shared `results` (one list per priority function) and, for every priority
 * function, reads `results[i][0]` and replaces the whole `results[i]` with a new list, so
 * the two workers race on the slice headers `results[i]` and on the new lists' elements.
 *
 * Fix (kubernetes#70892), as the scheduler's `PrioritizeNodes` does it: a piece writes
 * only its own element, `results[i][index]`; `results[i]` itself is only read.
 */
import { defineTarget } from '../../../harness/target.ts';
import { background, closeChan, onRecv, send, recvOk, select, Shared, WaitGroup, type Context, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

/** A `HostPriorityList`: a slice whose elements are Go memory. */
type List = readonly Shared<number>[];

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_70892',
    group: 'non-blocking',
    description: 'processNode, run by two workers at once, replaces the shared results[i] lists',
    fix: 'each piece writes only its own element results[i][index]',
    source: 'https://github.com/kubernetes/kubernetes/pull/70892',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    let lists = 0;
    /** A new list, its elements written by the goroutine that makes it (a composite literal). */
    const newList = (values: readonly number[], site: string): List => {
      const n = lists++;
      return values.map((v, k) => {
        const el = new Shared(sim, 0, `list${n}[${k}]`);
        el.store(v, site);
        return el;
      });
    };

    function* parallelizeUntil(ctx: Context | null, workers: number, pieces: number, doWorkPiece: (piece: number) => void): Proc<void> {
      const stop = ctx === null ? null : ctx.done();
      const toProcess = sim.chan<number>(pieces, 'toProcess');
      for (let i = 0; i < pieces; i++) yield* send(toProcess, i);
      closeChan(toProcess);
      const n = Math.min(workers, pieces);
      const wg = new WaitGroup(sim, 'wg');
      yield* wg.add(n);
      for (let w = 0; w < n; w++) {
        sim.spawn(`worker${w}`, function* () {
          for (;;) {
            const { value: piece, ok } = yield* recvOk(toProcess);
            if (!ok || piece === undefined) break;
            const r = yield* select([onRecv(stop)], true);
            if (r.index === 0) break;
            doWorkPiece(piece);
          }
          yield* wg.done();
        });
      }
      yield* wg.wait();
    }

    sim.spawn('test', function* () {
      const priorityConfigs = [1, 2, 3];
      const results = priorityConfigs.map((_, i) => new Shared<List>(sim, [], `results[${i}]`));
      for (const r of results) r.store(newList([0, 0], 'test: make(HostPriorityList, 2)'), 'test: results[i] = make(…)');
      const processNode = (index: number): void => {
        for (const r of results) {
          const list = r.load('processNode: read results[i]');
          if (fixed) {
            const el = list[index] as Shared<number>;
            if (el.load('processNode: read results[i][index]') !== 4) el.store(7, 'processNode: results[i][index] = 7');
          } else if ((list[0] as Shared<number>).load('processNode: read results[i][0]') !== 4) {
            r.store(newList([7, 8, 9], 'processNode: HostPriorityList{7, 8, 9}'), 'processNode: results[i] = HostPriorityList{…}');
          }
        }
      };
      yield* parallelizeUntil(background(sim), 2, 2, processNode);
    });
    return {};
  },
});
