/**
 * The baseline: the same ping-pong as plain generators yielding one small op object per
 * channel operation (the kernel's API shape, `yield*` helpers included) to a trivial
 * round-robin driver with one-slot rendezvous channels. No trace, no decisions, no
 * strategy: the floor a generator-based kernel cannot beat.
 */

interface BareChan {
  /** A parked sender's value, or a parked receiver. */
  sender: BareTask | null;
  value: number;
  receiver: BareTask | null;
}

interface BareOp {
  readonly send: boolean;
  readonly ch: BareChan;
  value: number;
}

type BareGen = Generator<BareOp, void, unknown>;

interface BareTask {
  readonly gen: BareGen;
  parked: boolean;
}

function* bareSend(ch: BareChan, value: number): Generator<BareOp, void, unknown> {
  yield { send: true, ch, value };
}

function* bareRecv(ch: BareChan): Generator<BareOp, number, unknown> {
  const op: BareOp = { send: false, ch, value: 0 };
  yield op;
  return op.value;
}

function* barePinger(ping: BareChan, pong: BareChan, rounds: number): BareGen {
  for (let i = 0; i < rounds; i++) {
    yield* bareSend(ping, i);
    yield* bareRecv(pong);
  }
}

function* barePonger(ping: BareChan, pong: BareChan, rounds: number): BareGen {
  for (let i = 0; i < rounds; i++) {
    const v = yield* bareRecv(ping);
    yield* bareSend(pong, v + 1);
  }
}

/**
 * Runs the bare ping-pong; returns the number of generator resumes. With `scattered`, the
 * driver picks the next runnable task pseudo-randomly instead of first-in-first-out, which
 * reproduces the memory access pattern of a random-walk schedule (for the flatness note).
 */
export function barePingPong(pairs: number, rounds: number, scattered = false): number {
  const queue: BareTask[] = [];
  const ops = new Map<BareTask, BareOp>();
  for (let p = 0; p < pairs; p++) {
    const ping: BareChan = { sender: null, value: 0, receiver: null };
    const pong: BareChan = { sender: null, value: 0, receiver: null };
    queue.push({ gen: barePinger(ping, pong, rounds), parked: false }, { gen: barePonger(ping, pong, rounds), parked: false });
  }
  let resumes = 0;
  let head = 0;
  let x = 1;
  while (head < queue.length) {
    if (scattered) {
      x = (x + 7919) >>> 0;
      const j = head + (x % (queue.length - head));
      const tmp = queue[j] as BareTask;
      queue[j] = queue[head] as BareTask;
      queue[head] = tmp;
    }
    const t = queue[head++] as BareTask;
    resumes++;
    const r = t.gen.next();
    if (r.done) continue;
    const op = r.value;
    const ch = op.ch;
    if (op.send) {
      const rx = ch.receiver;
      if (rx !== null) {
        ch.receiver = null;
        (ops.get(rx) as BareOp).value = op.value;
        rx.parked = false;
        queue.push(rx, t);
      } else {
        ch.sender = t;
        ch.value = op.value;
        t.parked = true;
      }
    } else {
      const tx = ch.sender;
      if (tx !== null) {
        ch.sender = null;
        op.value = ch.value;
        tx.parked = false;
        queue.push(tx, t);
      } else {
        ch.receiver = t;
        ops.set(t, op);
        t.parked = true;
      }
    }
    if (head > 65536) {
      queue.splice(0, head);
      head = 0;
    }
  }
  return resumes;
}
