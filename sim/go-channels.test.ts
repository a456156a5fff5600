/**
 * Go channel semantics (spec: "Channel types", "Send statements", "Receive operator", "Close").
 */
import { describe, expect, it } from 'vitest';
import { closeChan, ms, RandomWalk, recv, recvOk, send, simulate, sleep } from './index.ts';

const rw = (seed = 1) => ({ strategy: new RandomWalk(seed) });

describe('channels (Go semantics)', () => {
  it('unbuffered send blocks until a receiver takes the value (rendezvous)', () => {
    const r = simulate(rw(), (sim) => {
      const ch = sim.chan<number>(0, 'rv');
      const log: string[] = [];
      sim.spawn('sender', function* () {
        yield* send(ch, 7);
        log.push(`sent@${sim.now}`);
      });
      sim.spawn('receiver', function* () {
        yield* sleep(ms(1));
        log.push(`got ${yield* recv(ch)}@${sim.now}`);
      });
      return log;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state.sort()).toEqual(['got 7@1000', 'sent@1000']);
  });

  it('unbuffered send with no receiver ever is a deadlock (Go: fatal error, all goroutines are asleep)', () => {
    const r = simulate(rw(), (sim) => {
      const ch = sim.chan<number>(0, 'lonely');
      sim.spawn('sender', function* () {
        yield* send(ch, 1);
      });
    });
    expect(r.outcome.kind).toBe('deadlock');
    expect(r.live).toEqual([expect.objectContaining({ name: 'sender', waitingOn: 'send on lonely' })]);
  });

  it('buffered send does not block until the buffer is full (Go: cap(ch) sends complete at once)', () => {
    const r = simulate(rw(), (sim) => {
      const ch = sim.chan<number>(2, 'buf');
      const sent: number[] = [];
      sim.spawn('sender', function* () {
        for (let i = 0; i < 3; i++) {
          yield* send(ch, i);
          sent.push(i);
        }
      });
      return { sent, ch };
    });
    expect(r.state.sent).toEqual([0, 1]);
    expect(r.state.ch.length).toBe(2);
    expect(r.outcome.kind).toBe('deadlock');
    expect(r.live[0]?.waitingOn).toBe('send on buf');
  });

  it('receive from a closed buffered channel drains the buffer, then yields zero value with ok=false', () => {
    const r = simulate(rw(), (sim) => {
      const ch = sim.chan<number>(3, 'c');
      const got: Array<[number | undefined, boolean]> = [];
      sim.spawn('t', function* () {
        yield* send(ch, 1);
        yield* send(ch, 2);
        ch.close();
        for (let i = 0; i < 4; i++) {
          const { value, ok } = yield* recvOk(ch);
          got.push([value, ok]);
        }
      });
      return got;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state).toEqual([[1, true], [2, true], [undefined, false], [undefined, false]]);
  });

  it('close wakes every parked receiver with ok=false (Go: close broadcasts)', () => {
    const r = simulate(rw(3), (sim) => {
      const ch = sim.chan<number>(0, 'c');
      const oks: boolean[] = [];
      for (let i = 0; i < 3; i++) {
        sim.spawn(`r${i}`, function* () {
          oks.push((yield* recvOk(ch)).ok);
        });
      }
      sim.spawn('closer', function* () {
        yield* sleep(ms(1));
        ch.close();
      });
      return oks;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state).toEqual([false, false, false]);
  });

  it('send on a closed channel panics, naming the task (Go: panic: send on closed channel)', () => {
    const r = simulate(rw(), (sim) => {
      const ch = sim.chan<number>(1, 'shut');
      sim.spawn('writer', function* () {
        ch.close();
        yield* send(ch, 1);
      });
    });
    expect(r.outcome.kind).toBe('panic');
    expect(r.outcome.message).toContain('send on closed channel shut');
    expect(r.outcome.message).toContain('writer');
    expect(r.outcome.task).toContain('writer');
  });

  it('a sender parked on a channel that gets closed panics (Go: blocked send panics on close)', () => {
    const r = simulate(rw(), (sim) => {
      const ch = sim.chan<number>(0, 'c');
      sim.spawn('blocked-sender', function* () {
        yield* send(ch, 1);
      });
      sim.spawn('closer', function* () {
        yield* sleep(ms(1));
        ch.close();
      });
    });
    expect(r.outcome.kind).toBe('panic');
    expect(r.outcome.task).toContain('blocked-sender');
  });

  it('a recovered send-on-closed panic lets the task continue (Go: recover())', () => {
    const r = simulate(rw(), (sim) => {
      const ch = sim.chan<number>(1, 'c');
      const seen: string[] = [];
      sim.spawn('t', function* () {
        ch.close();
        try {
          yield* send(ch, 1);
        } catch (e) {
          seen.push((e as Error).message);
        }
        yield* sleep(ms(1));
        seen.push('after');
      });
      return seen;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state).toEqual(['send on closed channel c', 'after']);
  });

  it('close of a closed channel panics (Go: panic: close of closed channel)', () => {
    const r = simulate(rw(), (sim) => {
      const ch = sim.chan<number>(0, 'twice');
      sim.spawn('closer', function* () {
        closeChan(ch);
        yield* sleep(ms(1));
        closeChan(ch);
      });
    });
    expect(r.outcome.kind).toBe('panic');
    expect(r.outcome.message).toContain('close of closed channel twice');
    expect(r.outcome.task).toContain('closer');
  });

  it('close of a nil channel panics (Go: panic: close of nil channel)', () => {
    const r = simulate(rw(), (sim) => {
      sim.spawn('closer', function* () {
        yield* sleep(ms(1));
        closeChan(null);
      });
    });
    expect(r.outcome.kind).toBe('panic');
    expect(r.outcome.message).toContain('close of nil channel');
    expect(r.outcome.task).toContain('closer');
  });

  it('a nil channel blocks forever, and the deadlock report lists it (Go: <-nil / nil<- block forever)', () => {
    const r = simulate(rw(), (sim) => {
      sim.spawn('nil-recv', function* () {
        yield* recv(null);
      });
      sim.spawn('nil-send', function* () {
        yield* send(null, 1);
      });
    });
    expect(r.outcome.kind).toBe('deadlock');
    expect(r.live.map((t) => `${t.name}: ${t.waitingOn}`).sort()).toEqual([
      'nil-recv: recv on nil channel (forever)',
      'nil-send: send on nil channel (forever)',
    ]);
  });
});
