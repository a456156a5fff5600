/**
 * `dst run --check-determinism`: every case runs a second time in a separate process on
 * another host (time zone, locale, environment, working folder: host-env.ts). Two trace
 * hashes are a `determinism` violation that names the first diverging decision or event
 * (both runs are repeated with their traces kept to find it). Host-dependent values that
 * the guard cannot trap (`process.env`, `new Date(2020, 0, 1)`, `Intl`, `toLocaleString`)
 * show up this way.
 */
import { isAbsolute, resolve } from 'node:path';
import { runCase, type CaseReport, type CaseSpec } from '../../harness/case.ts';
import { chooseConfig, type ChosenConfig } from '../../harness/configuration.ts';
import { firstDivergence, recordOf, withDeterminismViolation } from '../../harness/divergence.ts';
import { seedCase, type SweepJob } from '../../harness/sweep.ts';
import { isTargetPath, type LoadedTarget } from '../../harness/targets.ts';
import { DeterminismCopy } from './copy.ts';
import type { PortableCase } from './protocol.ts';

/** A determinism check over one sweep. */
export interface DeterminismCheck {
  /** The copy's host, for the report. */
  readonly host: string;
  /** Sends a finished first run's case to the copy. */
  submit(first: CaseReport): void;
  /** Waits for every copy, merges the violations into the reports (in order), stops the copy. */
  finish(reports: readonly CaseReport[], onFound: (merged: CaseReport, first: CaseReport) => void): Promise<{ reports: CaseReport[]; reruns: number }>;
  /** Stops the copy without waiting. */
  close(): void;
}

/** Starts the copy for a sweep of `job` on `target`. */
export function startDeterminismCheck(target: LoadedTarget, job: SweepJob): DeterminismCheck {
  const copy = DeterminismCopy.start();
  const configs = new Map<string, ChosenConfig>();
  const pending = new Map<string, Promise<string | null>>();
  const targetRef = isTargetPath(target.ref) && !isAbsolute(target.ref) ? resolve(target.ref) : target.ref;
  const keyOf = (r: CaseReport) => `${r.variant}\u0000${r.scenarioRef}\u0000${r.seed}`;
  const specOf = (r: CaseReport): CaseSpec => {
    let chosen = configs.get(r.scenarioRef);
    if (chosen === undefined) configs.set(r.scenarioRef, (chosen = chooseConfig(target.target, r.scenarioRef)));
    const spec = seedCase(target, chosen, r.variant, job.strategy, r.seed as number, job.swarm, job.procs);
    return job.budget !== undefined ? { ...spec, budget: job.budget } : spec;
  };
  const portable = (s: CaseSpec): PortableCase => ({ target: targetRef, config: s.config, configRef: s.configRef, configName: s.configName, variant: s.variant, strategy: s.strategy, swarm: s.swarm, ...(s.budget !== undefined && { budget: s.budget }) });

  /** The divergence message of one case, or null when both runs agree. */
  async function compare(first: CaseReport): Promise<string | null> {
    const spec = specOf(first);
    const there = await copy.run(portable(spec));
    if (there.error !== undefined) throw new Error(`the determinism copy could not run ${first.scenario} seed ${first.seed}: ${there.error}`);
    if ((there.traceHash === first.traceHash && there.decisionsHash === first.decisionsHash) || there.outcome === 'resource-budget' || first.limit) return null;
    // Two hashes: repeat both runs with their traces kept, and name where they part.
    const detail = await copy.run(portable(spec), true);
    const here = recordOf(runCase({ ...spec, keepTrace: true }).result);
    const where = detail.record !== undefined ? firstDivergence(here, detail.record) : null;
    const what = there.traceHash !== first.traceHash ? `two trace hashes: ${first.traceHash} here, ${there.traceHash}` : `one trace hash (${first.traceHash}) but two decision lists: ${first.decisionsHash} here, ${there.decisionsHash}`;
    return `the same case gave ${what} in a separate process (${copy.host.description})${where !== null ? `; ${where}` : ''}`;
  }

  return {
    host: copy.host.description,
    submit(first) {
      if (first.seed === null) return;
      const p = compare(first);
      p.catch(() => undefined); // awaited in finish; until then a failure must not count as unhandled
      pending.set(keyOf(first), p);
    },
    async finish(reports, onFound) {
      try {
        const out: CaseReport[] = [];
        for (const r of reports) {
          const msg = await (pending.get(keyOf(r)) ?? Promise.resolve(null));
          const merged = msg === null ? r : withDeterminismViolation(r, msg);
          if (msg !== null) onFound(merged, r);
          out.push(merged);
        }
        return { reports: out, reruns: copy.sent };
      } finally {
        copy.close();
      }
    },
    close: () => copy.close(),
  };
}
