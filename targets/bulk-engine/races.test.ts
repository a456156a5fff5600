/**
 * The model's headline finding as `go test -race` states it: upstream's
 * `flushUpdateAPIKey` reads `n.next` after the send that hands `n` back to its caller, and
 * the caller's free (`reset` writes `next`) is not ordered with that read. The race is
 * reported whether or not a use-after-free shows on the schedule; `hardened` (next saved
 * before the send) has none. Replay gives the same hash, with race detection on or off.
 */
import { describe, expect, it } from 'vitest';
import { runCase } from '../../harness/case.ts';
import { exploreCase } from '../../harness/explore.ts';
import { compactReport } from '../../harness/sweep.ts';
import { loadScenario, parseScenario } from '../../scenario/load.ts';
import { engineCase } from './testing.ts';

/** policy-change scaled down (a shipped scenario): some seeds race with no use-after-free following. */
const small = 'api-key-race';

const NEXT_RACE = ['flushUpdateAPIKey: n.next after send', 'free: reset (caller: success)'];

describe("flushUpdateAPIKey's post-send read of next", () => {
  it('is a data race on next even on a schedule where one flush answers two updates and no use-after-free follows (seed 10)', () => {
    const r = runCase({ ...engineCase({ scenario: small, variant: 'upstream', seed: 10 }), keepTrace: true });
    const perFlush = new Map<number, number>();
    for (const e of r.result.trace.events()) if (e.resource?.event === 'flush' && e.resource.note === 'flushUpdateAPIKey') perFlush.set(e.task, (perFlush.get(e.task) ?? 0) + 1);
    expect(Math.max(...perFlush.values())).toBe(2);
    expect(r.report.violationCounts['use-after-free']).toBeUndefined();
    expect(r.report.property).toBe('data-race');
    const race = r.result.races.find((x) => x.group === 'block .next' && [x.first.site, x.second.site].sort().join() === NEXT_RACE.join());
    expect(race, r.report.message ?? '').toBeDefined();
    expect(race?.location).toMatch(/^block \d+\.\d+ \.next$/);
    expect(r.report.message).toMatch(/data race on block \d+\.\d+ \.next: .*flushUpdateAPIKey: n\.next after send.*last sync: send on blk\d+\.ch/);
  });

  it('is reported on every seed of policy-change on upstream, and never on hardened', () => {
    for (let seed = 0; seed < 3; seed++) {
      const up = runCase(engineCase({ scenario: 'policy-change', variant: 'upstream', seed }));
      expect(up.result.races.some((x) => x.group === 'block .next' && x.first.site.startsWith('flushUpdateAPIKey') !== x.second.site.startsWith('flushUpdateAPIKey'))).toBe(true);
      // The run report (trimmed to a few violations) still shows the race behind the use-after-frees.
      const shown = compactReport(up.report).violations;
      expect(shown.find((v) => v.property === 'data-race')?.message).toMatch(/^data race on block \d+\.\d+ \.next: /);
      const hard = runCase(engineCase({ scenario: 'policy-change', variant: 'hardened', seed })).report;
      expect(hard.violations).toEqual([]);
    }
  });

  it('stops dst explore like any violation (the first schedule already races)', () => {
    const tiny = loadScenario('tiny');
    const sc = parseScenario({ ...tiny, name: 'tiny-apikey', workload: { ...tiny.workload, checkin: { ...tiny.workload.checkin, apiKeyUpdate: 1, disconnect: 0 } } }, 'tiny-apikey');
    const up = exploreCase(engineCase({ scenario: sc, variant: 'upstream' }), 2, 500);
    expect(up.passed).toBe(false);
    expect(up.schedules).toBe(1);
    expect(up.failure?.property).toBe('data-race');
    const hard = exploreCase(engineCase({ scenario: sc, variant: 'hardened' }), 2, 500);
    expect(hard.passed).toBe(true);
  });

  it('replays to the same trace hash, and race detection does not change the hash', () => {
    const spec = engineCase({ scenario: small, variant: 'upstream', seed: 10 });
    const a = runCase(spec).report;
    const b = runCase(spec).report;
    const off = runCase({ ...spec, races: false }).report;
    expect(b.traceHash).toBe(a.traceHash);
    expect(off.traceHash).toBe(a.traceHash);
    expect(b.violations).toEqual(a.violations);
    expect(off.violationCounts['data-race']).toBeUndefined();
  });
});
