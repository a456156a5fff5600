/**
 * `npm run bench`: channel ping-pong steps per second for the kernel (default options:
 * tracing, decision recording and race detection on, RandomWalk), for a bare generator
 * loop doing the same hand-offs, and for fast-check's promise scheduler, all in this one
 * process; then what race detection costs (ping-pong and incident, on vs off); then
 * exploration, plain DFS against source-DPOR (schedules/s and the reduction ratio).
 * Prints a table, then exactly one JSON line (the last line of output).
 */
import { barePingPong } from './bare-pingpong.ts';
import { fastCheckPingPong } from './fastcheck-pingpong.ts';
import { kernelPingPong } from './kernel-pingpong.ts';
import { stepsPerSecond, stepsPerSecondAsync } from './measure.ts';
import { exploreBench, type ExploreMeasure } from './explore.ts';
import { raceBench } from './races.ts';
import { scenarioBench } from './scenarios.ts';
import { viewerBench } from './viewer.ts';

/** Steps per measured run; rounds per pair are derived so every size does the same work. */
const STEPS = 400_000;
const SIZES = [2, 100, 10_000] as const;
/** fast-check is ~100x slower; a smaller workload keeps the bench short. */
const FC_ROUNDS = 2_000;

function roundsFor(tasks: number): number {
  return Math.max(1, Math.round(STEPS / 4 / (tasks / 2)));
}

const fmt = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 0 });

async function main(): Promise<void> {
  const kernel: Record<number, number> = {};
  const bare: Record<number, number> = {};
  const scattered: Record<number, number> = {};
  for (const n of SIZES) {
    const rounds = roundsFor(n);
    kernel[n] = stepsPerSecond(() => kernelPingPong(n / 2, rounds));
    bare[n] = stepsPerSecond(() => barePingPong(n / 2, rounds));
    if (n !== 100) scattered[n] = stepsPerSecond(() => barePingPong(n / 2, rounds, true));
  }
  const fc2 = await stepsPerSecondAsync(() => fastCheckPingPong(1, FC_ROUNDS));

  const k = (n: number): number => kernel[n] as number;
  const b = (n: number): number => bare[n] as number;
  console.log('channel ping-pong over unbuffered channels, median of 5 after warm-up');
  console.log('tasks    kernel steps/s    bare steps/s    bare/kernel');
  for (const n of SIZES) console.log(`${String(n).padStart(5)}  ${fmt(k(n)).padStart(16)}  ${fmt(b(n)).padStart(14)}  ${(b(n) / k(n)).toFixed(2).padStart(13)}`);
  const sc = (n: number): number => scattered[n] as number;
  console.log(`fast-check fc.scheduler, 2 tasks: ${fmt(fc2)} resumes/s; kernel is ${(k(2) / fc2).toFixed(1)}x faster`);
  console.log(`flatness (steps/s at 10,000 tasks / at 2): kernel ${(k(10_000) / k(2)).toFixed(2)}, bare round-robin ${(b(10_000) / b(2)).toFixed(2)}, bare in scattered (random-walk-like) order ${(sc(10_000) / sc(2)).toFixed(2)}`);
  console.log(`bare in scattered order: ${fmt(sc(2))} steps/s at 2 tasks, ${fmt(sc(10_000))} at 10,000 (kernel/bare-scattered at 10,000: ${(sc(10_000) / k(10_000)).toFixed(2)})`);

  const rb = raceBench(SIZES, STEPS);
  console.log('race detection on vs off (each figure the best of alternating runs)');
  console.log('tasks    ping-pong steps/s off / on (ratio)        with a tracked access per hand-off');
  for (const n of SIZES) {
    const a = rb.pingPong[n] as (typeof rb.pingPong)[number];
    const b = rb.pingPongAccesses[n] as (typeof rb.pingPong)[number];
    console.log(`${String(n).padStart(5)}  ${fmt(a.off).padStart(12)} / ${fmt(a.on).padEnd(10)} (${a.ratio.toFixed(2)}x)   ${fmt(b.off).padStart(12)} / ${fmt(b.on).padEnd(10)} (${b.ratio.toFixed(2)}x)`);
  }
  const ri = rb.incident;
  console.log(`incident, races off / on: CPU ${ri.cpuS.off} / ${ri.cpuS.on} s (${ri.cpuS.ratio}x), wall ${ri.wallS.off} / ${ri.wallS.on} s (${ri.wallS.ratio}x), retained heap ${ri.retainedMB.off} / ${ri.retainedMB.on} MB (${ri.retainedMB.ratio}x), peak RSS ${ri.peakRssMB.off} / ${ri.peakRssMB.on} MB (${ri.peakRssMB.ratio}x)`);

  const sb = scenarioBench();
  console.log(`incident (770 agents, ${sb.incidentVirtualS} virtual s): ${sb.incidentWallS} s wall, ${sb.incidentSpeedup}x faster than real time, ${sb.incidentSteps} steps, ~${sb.incidentHeapMB} MB heap`);
  console.log(`pre-fix sweep: first failing seed after ${sb.preFixFirstFailureS} s (in process, after start-up)`);

  const eb = exploreBench();
  const em = (m: ExploreMeasure): string => `${fmt(m.schedules)} schedules${m.classes === null ? '' : ` (${fmt(m.classes)} classes, ${fmt(m.redundant)} redundant)`}, ${m.exhausted ? 'exhausted' : 'not exhausted'}, ${m.wallS} s, ${fmt(m.schedulesPerS)} schedules/s`;
  console.log(`explore tiny hardened, plain DFS bound 2: ${em(eb.tinyDfsBound2)}`);
  console.log(`explore tiny hardened, source-DPOR no bound: ${em(eb.tinyDporNoBound)}; ${eb.tinyReduction}x fewer schedules`);
  console.log(`explore tiny-3 hardened, source-DPOR no bound: ${em(eb.tiny3DporNoBound)}`);

  const vb = await viewerBench();
  const mb = (b: number): string => (b / 1e6).toFixed(2);
  console.log(`viewer, checkin-storm seed 0 pre-fix (${fmt(vb.stormEvents)} events): page ${mb(vb.stormPageBytes)} MB, built in ${vb.stormRenderMs} ms; first render in Chromium ${vb.stormFirstRenderMs === null ? vb.browser : `${vb.stormFirstRenderMs} ms after navigation start`}`);
  console.log(`viewer, incident seed 0 pre-fix (${fmt(vb.incidentEvents)} events): page ${mb(vb.incidentPageBytes)} MB; ${vb.incidentFirstRenderMs === null ? vb.browser : `first render ${vb.incidentFirstRenderMs} ms, one frame with every lane over the whole run ${vb.incidentFrameMs} ms`}`);

  const json = {
    ...sb,
    viewer: vb,
    kernelVsBare_2: round(b(2) / k(2)),
    kernelVsBare_100: round(b(100) / k(100)),
    kernelVsBare_10000: round(b(10_000) / k(10_000)),
    kernelVsFastCheck: round(k(2) / fc2),
    flatness: round(k(10_000) / k(2)),
    bareFlatness: round(b(10_000) / b(2)),
    bareScatteredFlatness: round(sc(10_000) / sc(2)),
    kernelVsBareScattered_10000: round(sc(10_000) / k(10_000)),
    kernelStepsPerSec_2: Math.round(k(2)),
    kernelStepsPerSec_100: Math.round(k(100)),
    kernelStepsPerSec_10000: Math.round(k(10_000)),
    bareStepsPerSec_2: Math.round(b(2)),
    bareStepsPerSec_100: Math.round(b(100)),
    bareStepsPerSec_10000: Math.round(b(10_000)),
    bareScatteredStepsPerSec_2: Math.round(sc(2)),
    bareScatteredStepsPerSec_10000: Math.round(sc(10_000)),
    fastCheckStepsPerSec_2: Math.round(fc2),
    ...Object.fromEntries(SIZES.flatMap((n) => [
      [`raceOverhead_${n}`, (rb.pingPong[n] as (typeof rb.pingPong)[number]).ratio],
      [`raceOverheadWithAccesses_${n}`, (rb.pingPongAccesses[n] as (typeof rb.pingPong)[number]).ratio],
    ])),
    incidentRaceCpuRatio: ri.cpuS.ratio,
    incidentRaceWallRatio: ri.wallS.ratio,
    incidentRaceRetainedHeapRatio: ri.retainedMB.ratio,
    incidentRacePeakRssRatio: ri.peakRssMB.ratio,
    incidentRetainedMB_racesOff: ri.retainedMB.off,
    incidentRetainedMB_racesOn: ri.retainedMB.on,
    explore: eb,
  };
  console.log(JSON.stringify(json));
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

await main();
