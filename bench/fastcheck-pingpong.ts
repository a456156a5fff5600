/**
 * The same ping-pong on fast-check's promise scheduler: every channel hand-off is a
 * promise released by `fc.scheduler()`, so fast-check decides the interleaving.
 */
import fc from 'fast-check';

type Scheduler = fc.Scheduler;

/** An unbuffered channel whose every wake-up goes through the fast-check scheduler. */
class ScheduledChan {
  private readonly senders: Array<{ value: number; wake: () => void }> = [];
  private readonly receivers: Array<(v: number) => void> = [];

  constructor(
    private readonly s: Scheduler,
    private readonly counter: { handoffs: number },
  ) {}

  send(value: number): Promise<void> {
    const rx = this.receivers.shift();
    if (rx !== undefined) {
      this.counter.handoffs++;
      return this.s.schedule(Promise.resolve()).then(() => rx(value));
    }
    return new Promise<void>((wake) => this.senders.push({ value, wake }));
  }

  recv(): Promise<number> {
    const tx = this.senders.shift();
    if (tx !== undefined) {
      this.counter.handoffs++;
      return this.s.schedule(Promise.resolve(tx.value)).then((v) => {
        tx.wake();
        return v;
      });
    }
    return new Promise<number>((resolve) => this.receivers.push(resolve));
  }
}

/**
 * Runs `pairs` ping-pong pairs for `rounds` round trips under fc.scheduler. Returns task
 * resumes (one per completed channel operation, as the kernel counts steps), which is
 * twice the number of scheduler-released hand-offs.
 */
export async function fastCheckPingPong(pairs: number, rounds: number): Promise<number> {
  const counter = { handoffs: 0, resumes: 0 };
  await fc.assert(
    fc.asyncProperty(fc.scheduler(), async (s) => {
      const all: Promise<void>[] = [];
      for (let p = 0; p < pairs; p++) {
        const ping = new ScheduledChan(s, counter);
        const pong = new ScheduledChan(s, counter);
        all.push(
          (async () => {
            for (let i = 0; i < rounds; i++) {
              await ping.send(i);
              counter.resumes++;
              await pong.recv();
              counter.resumes++;
            }
          })(),
          (async () => {
            for (let i = 0; i < rounds; i++) {
              const v = await ping.recv();
              counter.resumes++;
              await pong.send(v + 1);
              counter.resumes++;
            }
          })(),
        );
      }
      await s.waitFor(Promise.all(all));
    }),
    { numRuns: 1, seed: 1 },
  );
  if (counter.resumes !== 2 * counter.handoffs) throw new Error(`fast-check ping-pong: ${counter.resumes} resumes for ${counter.handoffs} hand-offs`);
  return counter.resumes;
}
