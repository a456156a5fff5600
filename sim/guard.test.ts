/**
 * The nondeterminism guard. Go analogue: a deterministic test must not read the wall
 * clock, global randomness or the host scheduler; here each such call fails the run,
 * whether it is made by a task, by the setup that spawns the tasks, or through a
 * reference taken before the run; outside a run every source works as before.
 */
import * as nodeCrypto from 'node:crypto';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import * as os from 'node:os';
import { setImmediate as timersSetImmediate, setTimeout as timersSetTimeout } from 'node:timers';
import { setTimeout as sleepPromise } from 'node:timers/promises';
import { promisify } from 'node:util';
import * as vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { TRAPPED } from './guard.ts';
import { RandomWalk, gosched, simulate } from './index.ts';

// References taken at module load, before any run: they are the guard's wrappers too.
const capturedRandom = Math.random;
const capturedNow = Date.now;
const capturedPerfNow = performance.now.bind(performance);
const CapturedDate = Date;

const calls: Array<[string, () => unknown]> = [
  ['Math.random', () => Math.random()],
  ['Date.now', () => Date.now()],
  ['new Date()', () => new Date()],
  ['Date()', () => (Date as unknown as () => string)()],
  ['performance.now', () => performance.now()],
  ['performance.mark', () => performance.mark('x')],
  ['performance.measure', () => performance.measure('x')],
  ['performance.getEntries', () => performance.getEntries()],
  ['performance.eventLoopUtilization', () => performance.eventLoopUtilization()],
  ['performance.timeOrigin', () => performance.timeOrigin],
  ['setTimeout', () => setTimeout(() => {}, 0)],
  ['setInterval', () => setInterval(() => {}, 10)],
  ['setImmediate', () => setImmediate(() => {})],
  ['queueMicrotask', () => queueMicrotask(() => {})],
  ['process.nextTick', () => process.nextTick(() => {})],
  ['process.hrtime', () => process.hrtime()],
  ['process.hrtime.bigint', () => process.hrtime.bigint()],
  ['process.uptime', () => process.uptime()],
  ['process.cpuUsage', () => process.cpuUsage()],
  ['process.memoryUsage', () => process.memoryUsage()],
  ['process.memoryUsage.rss', () => process.memoryUsage.rss()],
  ['process.resourceUsage', () => process.resourceUsage()],
  ['crypto.randomUUID', () => crypto.randomUUID()],
  ['crypto.getRandomValues', () => crypto.getRandomValues(new Uint8Array(4))],
  ['crypto.getRandomValues', () => nodeCrypto.getRandomValues(new Uint8Array(4))],
  ['node:crypto randomBytes', () => randomBytes(4)],
  ['node:crypto randomInt', () => randomInt(10)],
  ['node:crypto randomUUID', () => randomUUID()],
  ['node:crypto randomFillSync', () => nodeCrypto.randomFillSync(new Uint8Array(4))],
  ['setTimeout', () => timersSetTimeout(() => {}, 0)],
  ['setImmediate', () => timersSetImmediate(() => {})],
  ['node:timers/promises setTimeout', () => sleepPromise(1)],
  ['node:timers/promises setTimeout', () => (promisify(setTimeout) as (ms: number) => Promise<void>)(1)],
  ['os.freemem', () => os.freemem()],
  ['os.uptime', () => os.uptime()],
  ['os.loadavg', () => os.loadavg()],
  ['vm.runInNewContext', () => vm.runInNewContext('Math.random()')],
  ['vm.createContext', () => vm.createContext({})],
  ['new WeakRef', () => new WeakRef({})],
  ['new FinalizationRegistry', () => new FinalizationRegistry(() => {})],
  ['Math.random', () => capturedRandom()],
  ['Date.now', () => capturedNow()],
  ['performance.now', () => capturedPerfNow()],
  ['new Date()', () => new CapturedDate()],
];

function inTask(call: () => unknown) {
  return simulate({ strategy: new RandomWalk(1) }, (sim) => {
    sim.spawn('sneaky', function* () {
      yield* gosched();
      call();
    });
    sim.spawn('bystander', function* () {
      yield* gosched();
    });
  });
}

describe('nondeterminism guard', () => {
  for (const [what, call] of calls) {
    it(`${what} (${call.toString().replace(/^\(\) => /, '').slice(0, 60)}) inside a task fails the run naming the call; outside a run it works`, () => {
      const r = inTask(call);
      expect(r.outcome.kind).toBe('nondeterminism');
      expect(r.outcome.message).toBe(`nondeterminism leak: ${what} called by task sneaky`);
      expect(() => call()).not.toThrow();
    });
  }

  it('the same sources are trapped in the setup that spawns the tasks (the run then ends before its first step)', () => {
    for (const [what, call] of calls) {
      const r = simulate({ strategy: new RandomWalk(1) }, (sim) => {
        call();
        sim.spawn('never', function* () {
          yield* gosched();
        });
        return 'built';
      });
      expect(r.outcome.kind, what).toBe('nondeterminism');
      expect(r.outcome.message).toBe(`nondeterminism leak: ${what} called`);
      expect(r.steps).toBe(0);
      expect(r.state).toBeUndefined();
    }
  });

  it('a Promise job created during the run and still pending at its end is a leak naming the task', () => {
    const r = simulate({ strategy: new RandomWalk(1) }, (sim) => {
      sim.spawn('async-caller', function* () {
        void Promise.resolve(1).then(() => Math.random());
        yield* gosched();
      });
    });
    expect(r.outcome.kind).toBe('nondeterminism');
    expect(r.outcome.message).toMatch(/^nondeterminism leak: 1 Promise job \(then, await\) created by task async-caller still pending when the run ended/);
  });

  it('an async function awaiting inside a task is a pending job too; a plain resolved promise is not', () => {
    const withAwait = simulate({ strategy: new RandomWalk(1) }, (sim) => {
      sim.spawn('t', function* () {
        void (async () => {
          await null;
        })();
        yield* gosched();
      });
    });
    expect(withAwait.outcome.kind).toBe('nondeterminism');
    const plain = simulate({ strategy: new RandomWalk(1) }, (sim) => {
      sim.spawn('t', function* () {
        void Promise.resolve(1);
        yield* gosched();
      });
    });
    expect(plain.outcome.kind).toBe('ok');
  });

  it('a task that swallows the leak error still ends the run (the kernel remembers the abort)', () => {
    const r = simulate({ strategy: new RandomWalk(1) }, (sim) => {
      sim.spawn('swallower', function* () {
        try {
          Math.random();
        } catch {
          // ignored on purpose
        }
        for (;;) yield* gosched();
      });
    });
    expect(r.outcome.kind).toBe('nondeterminism');
  });

  it('new Date(ms) and Date.UTC stay allowed (deterministic), and dates stay dates', () => {
    const r = simulate({ strategy: new RandomWalk(1) }, (sim) => {
      const out = { t: 0, utc: 0, isDate: false };
      sim.spawn('t', function* () {
        const d = new Date(1234);
        out.t = d.getTime();
        out.utc = Date.UTC(2020, 0, 1);
        out.isDate = d instanceof Date && d.constructor === Date && Object.prototype.toString.call(d) === '[object Date]';
        yield* gosched();
      });
      return out;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state).toEqual({ t: 1234, utc: 1577836800000, isDate: true });
  });

  it('outside a run the wrappers are transparent: timers fire, promisify works, randomness and clocks answer', async () => {
    await new Promise<void>((resolve) => setTimeout(resolve, 1));
    await sleepPromise(1);
    await (promisify(setTimeout) as (ms: number) => Promise<void>)(1);
    expect(typeof Math.random()).toBe('number');
    expect(randomBytes(8)).toHaveLength(8);
    expect(typeof process.hrtime.bigint()).toBe('bigint');
    expect(vm.runInNewContext('1 + 1')).toBe(2);
    expect(new WeakRef({}).deref()).toBeDefined();
    expect(Date.now()).toBeGreaterThan(1.6e12);
  });

  it('lists every trapped source', () => {
    for (const [what] of calls) expect(TRAPPED).toContain(what);
  });
});
