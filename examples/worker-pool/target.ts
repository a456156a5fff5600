/**
 * Example target: a worker pool that leaks a goroutine. Each caller hands a job to its
 * worker and waits for the result or its own timeout. In `buggy` the result channel is
 * unbuffered: when the caller has timed out, nobody ever receives, so the worker blocks
 * on its send forever (a leaked goroutine, holding whatever it references). `fixed`
 * gives the result channel a buffer of one, so the worker's send always completes.
 */
import { background, defineTarget, label, ms, onRecv, select, send, sleep, withTimeout, z, type Proc, type Sim } from 'dst';

const Config = z.strictObject({ callers: z.number().int().min(1).max(50), timeoutMs: z.number().int().min(1).max(10_000) });
type Config = z.infer<typeof Config>;
const workTime = label('worker-pool.work-ms', 'workload');

function* caller(sim: Sim, cfg: Config, buffered: boolean, i: number): Proc<void> {
  const result = sim.chan<number>(buffered ? 1 : 0, `result-${i}`);
  const [ctx, cancel] = withTimeout(background(sim), ms(cfg.timeoutMs));
  sim.spawn(`worker-${i}`, function* () {
    yield* sleep(ms(cfg.timeoutMs * [0.5, 1, 2][sim.decide(3, workTime)]!)); // half, all or twice the caller's timeout
    yield* send(result, i * i); // buggy: blocks forever once the caller gave up
  });
  yield* select([onRecv(result), onRecv(ctx.done())]);
  cancel();
}

export default defineTarget({
  name: 'worker-pool',
  description: 'callers wait for a worker with a timeout; the worker sends its result on an unbuffered channel',
  variants: [
    { name: 'buggy', description: 'unbuffered result channel: a worker whose caller timed out leaks' },
    { name: 'fixed', description: 'result channel with a buffer of one: the send never blocks' },
  ],
  config: Config,
  configurations: [{ name: 'default', description: 'two callers, 10 ms timeout', config: { callers: 2, timeoutMs: 10 } }],
  limits: () => ({ maxSteps: 100_000 }),
  build(sim, cfg, { variant }) {
    for (let i = 0; i < cfg.callers; i++) sim.spawn(`caller-${i}`, () => caller(sim, cfg, variant === 'fixed', i));
  },
  properties: [], // the core properties (no-stuck-tasks, no-panic, ...) find this bug
});
