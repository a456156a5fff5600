/**
 * Happens-before through goroutine start and channels (go.dev/ref/mem "Goroutine creation"
 * and "Channel communication"), one pair per rule: synchronised by the rule, no race; the
 * synchronisation removed, exactly one race naming both sites.
 */
import { describe, expect, it } from 'vitest';
import { closeChan, onRecv, onSend, recv, select, send, Shared, sleep, ms, type Sim } from '../index.ts';
import { racePairs, racesOf } from './testing.ts';

const none = (n = 6): string[][] => Array.from({ length: n }, () => []);
const one = (pair: string, n = 6): string[][] => Array.from({ length: n }, () => [pair]);

describe('go statement', () => {
  it('a write before `go` happens before the new goroutine starts', () => {
    const prog = (sim: Sim): void => {
      const x = new Shared(sim, 0, 'x');
      sim.spawn('main', function* () {
        x.store(1, 'main: x = 1');
        sim.spawn('child', function* () {
          x.load('child: read x');
        });
        yield* sleep(ms(1));
      });
    };
    expect(racePairs(prog)).toEqual(none());
  });

  it('a write after `go` races with the new goroutine', () => {
    const prog = (sim: Sim): void => {
      const x = new Shared(sim, 0, 'x');
      sim.spawn('main', function* () {
        sim.spawn('child', function* () {
          x.load('child: read x');
        });
        x.store(1, 'main: x = 1 after go');
        yield* sleep(ms(1));
      });
    };
    expect(racePairs(prog)).toEqual(one('child: read x / main: x = 1 after go'));
  });

  it('setup (code before the run) happens before every task it spawns', () => {
    const prog = (sim: Sim): void => {
      const x = new Shared(sim, 0, 'x');
      x.store(1, 'setup: x = 1');
      sim.spawn('a', function* () {
        x.load('a: read x');
      });
    };
    expect(racePairs(prog)).toEqual(none());
  });
});

/** A writer and a reader of `x` communicating over `ch` (or not). */
function sendThenRead(cap: number, sync: boolean): (sim: Sim) => void {
  return (sim) => {
    const x = new Shared(sim, 0, 'x');
    const ch = sim.chan<number>(cap, 'ch');
    sim.spawn('writer', function* () {
      x.store(1, 'writer: x = 1');
      if (sync) yield* send(ch, 1);
    });
    sim.spawn('reader', function* () {
      if (sync) yield* recv(ch);
      else yield* sleep(ms(1));
      x.load('reader: read x');
    });
  };
}

describe('send happens before the corresponding receive completes', () => {
  for (const cap of [0, 1, 3]) {
    it(`capacity ${cap}: synchronised, no race`, () => expect(racePairs(sendThenRead(cap, true))).toEqual(none()));
    it(`capacity ${cap}: without the channel, one race`, () => expect(racePairs(sendThenRead(cap, false))).toEqual(one('reader: read x / writer: x = 1')));
  }
});

/** The receiver writes `x` before receiving; the sender reads it once its send completed. */
function recvThenSendCompletes(cap: number): (sim: Sim) => void {
  return (sim) => {
    const x = new Shared(sim, 0, 'x');
    const ch = sim.chan<number>(cap, 'ch');
    sim.spawn('receiver', function* () {
      x.store(1, 'receiver: x = 1');
      yield* recv(ch);
    });
    sim.spawn('sender', function* () {
      yield* send(ch, 1);
      x.load('sender: read x after send');
    });
  };
}

describe('unbuffered: the receive happens before the send completes', () => {
  it('capacity 0: no race', () => expect(racePairs(recvThenSendCompletes(0))).toEqual(none()));
  it('capacity 1: the send completes into the buffer, unordered with the receive: one race', () =>
    expect(racePairs(recvThenSendCompletes(1))).toEqual(one('receiver: x = 1 / sender: read x after send')));
});

/** Capacity-C channel as a semaphore: at most C holders of a critical section that writes `x`. */
function semaphore(withChannel: boolean): (sim: Sim) => void {
  return (sim) => {
    const x = new Shared(sim, 0, 'x');
    const limit = sim.chan<number>(1, 'limit');
    for (const name of ['w1', 'w2']) {
      sim.spawn(name, function* () {
        if (withChannel) yield* send(limit, 1);
        x.store(1, `${name}: x = 1`);
        if (withChannel) yield* recv(limit);
      });
    }
  };
}

describe('capacity C: the k-th receive happens before the (k+C)-th send completes', () => {
  it('a channel of capacity 1 used as a lock: no race', () => expect(racePairs(semaphore(true))).toEqual(none()));
  it('the same without the channel: one race', () => expect(racePairs(semaphore(false))).toEqual(one('w1: x = 1 / w2: x = 1')));

  it('k-th send is not ordered before the (k+C)-th send by that rule alone (go test -race agrees)', () => {
    // G1 sends 0 after writing x; G2 receives it; G3's send (the (0+1)-th) completes after
    // that receive. G3 learns what G2 knew before its receive, not what G1 sent.
    const prog = (sim: Sim): void => {
      const x = new Shared(sim, 0, 'x');
      const ch = sim.chan<number>(1, 'ch');
      const go = sim.chan<number>(0, 'go');
      sim.spawn('g1', function* () {
        x.store(1, 'g1: x = 1');
        yield* send(ch, 0);
        yield* send(go, 0);
      });
      sim.spawn('g2', function* () {
        yield* sleep(ms(2));
        yield* recv(ch);
      });
      sim.spawn('g3', function* () {
        yield* sleep(ms(1));
        yield* send(ch, 1); // blocks until g2's receive frees the slot
        x.load('g3: read x');
      });
      sim.spawn('drain', function* () {
        yield* recv(go);
        yield* sleep(ms(5));
        yield* recv(ch);
      });
    };
    expect(racePairs(prog)).toEqual(one('g1: x = 1 / g3: read x'));
  });
});

describe('close happens before a receive that returns because the channel is closed', () => {
  const prog = (sync: boolean) => (sim: Sim): void => {
    const x = new Shared(sim, 0, 'x');
    const done = sim.chan<never>(0, 'done');
    sim.spawn('closer', function* () {
      x.store(1, 'closer: x = 1');
      if (sync) closeChan(done);
    });
    for (const name of ['r1', 'r2']) {
      sim.spawn(name, function* () {
        if (sync) yield* recv(done);
        else yield* sleep(ms(1));
        x.load(`${name}: read x`);
      });
    }
  };
  it('parked and late receivers alike: no race', () => expect(racePairs(prog(true))).toEqual(none()));
  it('without the close: one race per reader site', () => expect(racePairs(prog(false))).toEqual(Array.from({ length: 6 }, () => ['closer: x = 1 / r1: read x', 'closer: x = 1 / r2: read x'])));
});

describe('select: the case that ran follows its operation', () => {
  const prog = (readyCase: 'synced' | 'other') => (sim: Sim): void => {
    const x = new Shared(sim, 0, 'x');
    const a = sim.chan<number>(0, 'a');
    const b = sim.chan<number>(1, 'b');
    sim.spawn('writer', function* () {
      x.store(1, 'writer: x = 1');
      if (readyCase === 'synced') yield* send(a, 1);
    });
    sim.spawn('other', function* () {
      if (readyCase === 'other') yield* send(b, 2);
    });
    sim.spawn('reader', function* () {
      const r = yield* select([onRecv(a), onRecv(b), onRecv(null)]);
      expect(r.index).toBe(readyCase === 'synced' ? 0 : 1);
      x.load('reader: read x');
    });
  };
  it('the receive case from the writer ran: no race', () => expect(racePairs(prog('synced'))).toEqual(none()));
  it('the receive case from another task ran: one race', () => expect(racePairs(prog('other'))).toEqual(one('reader: read x / writer: x = 1')));

  it('a send case that ran is a send', () => {
    const prog2 = (sim: Sim): void => {
      const x = new Shared(sim, 0, 'x');
      const c = sim.chan<number>(0, 'c');
      sim.spawn('writer', function* () {
        x.store(1, 'writer: x = 1');
        yield* select([onSend(c, 1), onSend(null, 2)]);
      });
      sim.spawn('reader', function* () {
        yield* recv(c);
        x.load('reader: read x');
      });
    };
    expect(racePairs(prog2)).toEqual(none());
  });

  it('a nil channel orders nothing', () => {
    const prog3 = (sim: Sim): void => {
      const x = new Shared(sim, 0, 'x');
      sim.spawn('writer', function* () {
        x.store(1, 'writer: x = 1');
        yield* select([onSend(null, 1)], true);
      });
      sim.spawn('reader', function* () {
        yield* select([onRecv(null)], true);
        x.load('reader: read x');
      });
    };
    expect(racePairs(prog3)).toEqual(one('reader: read x / writer: x = 1'));
  });
});

describe('a race report', () => {
  it('names the location, both sides and the last synchronisation of each', () => {
    const r = racesOf((sim) => {
      const x = new Shared(sim, 0, 'cfg.limit');
      const ch = sim.chan<number>(1, 'jobs');
      sim.spawn('producer', function* () {
        yield* send(ch, 1);
        x.store(2, 'producer: limit = 2');
      });
      sim.spawn('consumer', function* () {
        yield* recv(ch);
        x.load('consumer: read limit');
      });
    });
    expect(r).toHaveLength(1);
    const race = r[0]!;
    expect(race.location).toBe('cfg.limit');
    const sides = [race.first, race.second].sort((p, q) => p.task.localeCompare(q.task));
    expect(sides.map((s) => [s.task, s.kind, s.site])).toEqual([
      ['consumer', 'read', 'consumer: read limit'],
      ['producer', 'write', 'producer: limit = 2'],
    ]);
    expect(sides[0]!.lastSync).toMatch(/^recv on jobs at step \d+$/);
    expect(sides[1]!.lastSync).toMatch(/^send on jobs at step \d+$/);
  });

  it('is one per pair of sites however often they race', () => {
    const r = racesOf((sim) => {
      const x = new Shared(sim, 0, 'x');
      for (const name of ['a', 'b']) {
        sim.spawn(name, function* () {
          for (let i = 0; i < 5; i++) {
            x.store(i, `${name}: write`);
            yield* sleep(ms(1));
          }
        });
      }
    });
    expect(r).toHaveLength(1);
    expect(r[0]!.count).toBeGreaterThan(1);
  });
});
