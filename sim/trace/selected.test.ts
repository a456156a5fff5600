/**
 * The trace's side column for `select`: the case that ran and its channel, for a select
 * that ran at once and for one that blocked first. Never part of the hash.
 */
import { describe, expect, it } from 'vitest';
import { ms, onRecv, onSend, RandomWalk, select, send, sleep, simulate, type Sim } from '../index.ts';
import { Op } from './trace.ts';

/** A select that blocks on two channels until a sender fills the second, then one that runs at once. */
function program(sim: Sim): void {
  const a = sim.chan<number>(0, 'a');
  const b = sim.chan<number>(0, 'b');
  const c = sim.chan<number>(1, 'c');
  sim.spawn('waiter', function* () {
    yield* select([onRecv(a), onRecv(b)]);
    yield* send(c, 1);
    yield* select([onSend(a, 2), onRecv(c)]);
  });
  sim.spawn('sender', function* () {
    yield* sleep(ms(5));
    yield* send(b, 7);
  });
}

describe('trace side column for select', () => {
  it('names the case and channel of a select that blocked, then of one that ran at once', () => {
    const r = simulate({ strategy: new RandomWalk(3) }, program);
    const selects = r.trace.events().filter((e) => e.op === Op.Select);
    expect(selects.map((e) => e.blocked)).toEqual([true, false]);
    const [blocked, direct] = selects;
    expect(blocked?.selected).toEqual({ index: 1, chan: r.chanNames.indexOf('b'), dir: 'recv' });
    expect(direct?.selected).toEqual({ index: 1, chan: r.chanNames.indexOf('c'), dir: 'recv' });
    expect(r.trace.events().filter((e) => e.op !== Op.Select).every((e) => e.selected === undefined)).toBe(true);
  });

  it('changes no hash: a run that keeps only the hash gives the same one', () => {
    const full = simulate({ strategy: new RandomWalk(3) }, program);
    const hashOnly = simulate({ strategy: new RandomWalk(3), keepTrace: false }, program);
    expect(hashOnly.traceHash).toBe(full.traceHash);
  });
});
