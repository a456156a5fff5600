/**
 * The incident study (issue #17 item 9): its series are read from a finished run after the
 * fact (so they cannot change a trace hash), its gauges are time-weighted means, and
 * `npm run incident` writes a self-contained SVG and a JSON table into the folder given.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/incident.ts';
import { runCase } from '../../../harness/case.ts';
import type { FinishedRun } from '../../../harness/target.ts';
import { parseScenario } from '../../../scenario/load.ts';
import type { Scenario } from '../../../scenario/schema.ts';
import type { EngineWorld } from '../../../scenario/world.ts';
import { engineCase } from '../testing.ts';
import { binnedCount, binnedMean } from './intervals.ts';
import { incidentTimeline } from './timeline.ts';

describe('binned series', () => {
  it('a gauge is the time-weighted mean count per bin; events are counted in the bin they fall in', () => {
    expect(binnedMean([{ start: 0, end: 15 }, { start: 5, end: 10 }], 10, 2)).toEqual([1.5, 0.5]);
    expect(binnedCount([0, 9, 10, 25], 10, 3)).toEqual([2, 1, 1]);
  });
});

/** One agent whose read is parked behind a full 1-slot channel for a while, then answered. */
const small = parseScenario(
  {
    name: 'incident-small',
    durationS: 20,
    drainS: 20,
    bulker: { maxPending: 1, blockQueueSz: 1 },
    elasticsearch: { latencyMs: { min: 3000, max: 3000 } },
    workload: { agents: 4, startSpreadS: 0, checkinsPerAgent: 1, checkin: { actionSearch: 0, fleetSearch: 0, upgradeUpdate: 0, disconnect: 0, longPollS: { min: 1, max: 1 } } },
  },
  'incident-small',
);

describe('incidentTimeline', () => {
  it('reads the run after the fact: the same case hashes the same with or without the study', () => {
    const a = runCase(engineCase({ scenario: small, variant: 'pre-fix', seed: 0 }));
    incidentTimeline(a.run as FinishedRun<Scenario, EngineWorld>, 1);
    const b = runCase(engineCase({ scenario: small, variant: 'pre-fix', seed: 0 }));
    expect(a.report.traceHash).toBe(b.report.traceHash);
  });

  it('parked dispatchers, answers awaited and checkins in set-up add up to what the agents were doing', () => {
    const c = runCase(engineCase({ scenario: small, variant: 'upstream', seed: 0 }));
    const tl = incidentTimeline(c.run as FinishedRun<Scenario, EngineWorld>, 1);
    const first = tl.rows[0];
    expect(first?.poolMissesPerMin).toBeGreaterThan(0);
    // Four checkins start at 0 and are all in set-up (one flush slot, a 3 s Elasticsearch) during the first second.
    expect(first?.checkinsInSetup).toBe(4);
    expect((first?.parkedDispatchers ?? 0) + (first?.waitingForAnswer ?? 0)).toBeCloseTo(4, 0);
    expect(tl.setupS.length).toBe(4);
    expect(tl.setupS.every((s) => s >= 3)).toBe(true);
    // Every block is freed in the end (no faults, no disconnects): none is ever garbage unfreed.
    expect(tl.rows.every((r) => r.unfreedBlocksPerMin === 0)).toBe(true);
  });
});

describe('npm run incident', () => {
  it('writes incident.json and a self-contained incident.svg into the folder given, one run per distinct flag set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dst-incident-'));
    try {
      writesTheStudy(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  function writesTheStudy(dir: string): void {
    const lines: string[] = [];
    expect(main([dir, '--scenario', 'tiny'], (l) => lines.push(l), (l) => lines.push(l))).toBe(0);
    const table = JSON.parse(readFileSync(join(dir, 'incident.json'), 'utf8')) as { format: string; variants: { name: string; sameAs: string[]; series: unknown[] }[] };
    expect(table.format).toBe('dst-incident/1');
    expect(table.variants.map((v) => v.name)).toEqual(['release-8.19', 'pre-fix', 'pr-6747', 'release-9.5', 'upstream', 'hardened']);
    expect(table.variants.find((v) => v.name === 'pre-fix')?.sameAs).toEqual(['release-9.3', 'release-9.4']);
    expect(table.variants.every((v) => v.series.length > 0)).toBe(true);
    const svg = readFileSync(join(dir, 'incident.svg'), 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/<script|href=|@import|url\(/);
    expect(lines.at(-1)).toMatch(/^wrote /);
  }

  it('bad input is one line and exit 2', () => {
    const err: string[] = [];
    expect(main(['--seed', 'x'], () => undefined, (l) => err.push(l))).toBe(2);
    expect(err).toEqual(['dst incident: --seed: expected a non-negative integer, got "x"']);
  });
});
