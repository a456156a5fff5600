/**
 * One `incident` run in a fresh process, for the race-detection bench: prints one JSON
 * line with its CPU and wall time, the heap it keeps (after GC, with the result alive)
 * and the process's peak resident memory. Argument: `on` or `off` (race detection).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runCase } from '../harness/case.ts';
import { engineCase } from '../targets/bulk-engine/testing.ts';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;
const races = process.argv[2] === 'on';
const spec = { ...engineCase({ scenario: 'incident', variant: 'upstream', seed: 0 }), races };
gc();
const before = process.memoryUsage().heapUsed;
const c0 = process.cpuUsage();
const t0 = performance.now(); // determinism-ok: bench timing
const run = runCase(spec);
const wallS = (performance.now() - t0) / 1000; // determinism-ok: bench timing
const cu = process.cpuUsage(c0);
gc();
const retainedMB = (process.memoryUsage().heapUsed - before) / 1e6;
console.log(JSON.stringify({ races, steps: run.report.steps, cpuS: (cu.user + cu.system) / 1e6, wallS, retainedMB, peakRssMB: process.resourceUsage().maxRSS / 1e3 }));
