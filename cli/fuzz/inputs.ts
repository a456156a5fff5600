/**
 * The fuzz inputs, as fast-check arbitraries of {@link FuzzCase}: CLI argument vectors,
 * scenario files, repro files and output paths, each mixing valid, hostile and broken
 * values (paths to secrets, FIFOs, devices, /proc and /sys, planted symlinks, numbers
 * the model cannot represent, malformed JSON). Only cheap cases can be valid: the tiny
 * scenario, a few seeds, small budgets.
 */
import { readFileSync, writeFileSync, mkdirSync, truncateSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { mkfifo, plantLink, type Sandbox } from './sandbox.ts';

/** One input: what to plant in the world, then the argument vector (it may name planted files). */
export interface FuzzCase {
  readonly label: string;
  readonly plant: (box: Omit<Sandbox, 'before' | 'beforeOut'>) => void;
  readonly argv: (box: Omit<Sandbox, 'before' | 'beforeOut'>) => string[];
}

const ROOT = join(import.meta.dirname, '../..');
const TINY = JSON.parse(readFileSync(join(ROOT, 'fixtures/scenarios/tiny.json'), 'utf8')) as Record<string, unknown>;
const SEED_REPRO = JSON.parse(readFileSync(join(ROOT, 'fixtures/regressions/v3-cancel-after-enqueue-pre-fix-0.json'), 'utf8')) as Record<string, unknown>;
const LIST_REPRO = JSON.parse(readFileSync(join(ROOT, 'fixtures/regressions/tiny-pre-fix-explore.json'), 'utf8')) as Record<string, unknown>;

/** Small budgets, so that a valid but heavy configuration stops quickly. */
const BUDGET = ['--max-wall', '1s', '--max-heap-mb', '768'];

/** Paths a hostile file would name; `<secret>` and the like are resolved in the world. */
const HOSTILE_PATHS = ['/etc/shadow', '/proc/self/environ', '/dev/zero', '/dev/null', '<secret>', '<fifo>', '<big>', '<dir>', '<link-to-secret>', '../outside/shadow', 'fixtures/scenarios/tiny', 'tiny.json', ''];

function resolveToken(box: Omit<Sandbox, 'before' | 'beforeOut'>, v: string): string {
  return v
    .replace('<secret>', box.secret)
    .replace('<fifo>', join(box.inDir, 'pipe'))
    .replace('<big>', join(box.inDir, 'big.json'))
    .replace('<dir>', box.inDir)
    .replace('<link-to-secret>', join(box.inDir, 'secret-link.json'))
    .replace('<out>', box.outDir);
}

/** Hostile inputs every world has: a FIFO, a 1 GB sparse file, a symlink to the secret. */
function plantHostile(box: Omit<Sandbox, 'before' | 'beforeOut'>): void {
  mkfifo(join(box.inDir, 'pipe'));
  writeFileSync(join(box.inDir, 'big.json'), '');
  truncateSync(join(box.inDir, 'big.json'), 1024 ** 3);
  plantLink(box.secret, join(box.inDir, 'secret-link.json'));
}

const hostileNumber = fc.constantFrom(-1, 0, 1e-9, 0.5, 1, 3, 1e20, 1e308, -0, 2 ** 53, 86_400, 600_000, 1_000_001, 100_000, 1.5);
const hostileValue = fc.oneof(hostileNumber, fc.constantFrom<unknown>('str', '', null, true, [], {}, '1e3', { min: 5, max: 1 }, { min: 0, max: 1e20 }, [{ atS: 1, forS: 1, latencyMs: { min: 9, max: 1 } }]), fc.string({ maxLength: 8 }), fc.constantFrom(...HOSTILE_PATHS));

/** Fields of a scenario worth breaking. */
const SCENARIO_PATHS = [
  'name', 'durationS', 'drainS', 'timeSlip', 'daemons', 'description', 'budgets', 'budgets.maxSteps', 'budgets.maxVirtualS', 'budgets.maxHeapMb', 'budgets.maxWallS',
  'bulker.flushIntervalMs', 'bulker.maxPending', 'bulker.blockQueueSz', 'bulker.preset', 'elasticsearch.latencyMs', 'elasticsearch.latencyMs.max', 'elasticsearch.hang', 'elasticsearch.reject429', 'elasticsearch.brownouts',
  'workload.agents', 'workload.checkinsPerAgent', 'workload.enrollmentsPerS', 'workload.backgroundCallers', 'workload.backgroundCallers.everyS', 'workload.backgroundMultiUpdateEveryS', 'workload.startSpreadS',
  'workload.checkin.longPollS', 'workload.checkin.longPollS.max', 'workload.checkin.gapS.min', 'workload.checkin.disconnect', 'shutdown.serverDrainS', 'unknownKey', 'workload.bogus',
];

type Edit = { path: string; value: unknown } | { path: string; remove: true };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ path: fc.constantFrom(...SCENARIO_PATHS), value: hostileValue }),
  fc.record({ path: fc.constantFrom(...SCENARIO_PATHS), remove: fc.constant(true as const) }),
);

function applyEdit(obj: Record<string, unknown>, e: Edit): Record<string, unknown> {
  const out = structuredClone(obj);
  const keys = e.path.split('.');
  let o: Record<string, unknown> = out;
  for (const k of keys.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1] as string;
  if ('remove' in e) delete o[last];
  else o[last] = e.value;
  return out;
}

/** File contents that are not a valid JSON object. */
const brokenText = fc.oneof(
  fc.constantFrom('', '{', '{"name": "x", "durationS": ', '\uFEFF{}', 'null', '[]', '"tiny"', `${'['.repeat(100_000)}`, '{"__proto__": {"x": 1}}', '{"a":1}{"b":2}', 'root:*:20202:0:99999:7:::'),
  fc.string({ maxLength: 40 }),
);

/** A scenario's content: tiny with a few fields broken, or broken text. */
const scenarioContent: fc.Arbitrary<string | Buffer> = fc.oneof(
  { weight: 4, arbitrary: fc.array(edit, { minLength: 1, maxLength: 3 }).map((es) => JSON.stringify(es.reduce(applyEdit, { ...TINY, name: 'fuzz' }))) },
  { weight: 1, arbitrary: brokenText },
  { weight: 1, arbitrary: fc.constant(Buffer.from([0xff, 0xfe, 0x7b, 0x7d])) },
);

/** Where an input file lives: written in in/, or one of the hostile objects. */
const inputPlace = fc.oneof({ weight: 5, arbitrary: fc.constant('<written>') }, { weight: 1, arbitrary: fc.constantFrom('<fifo>', '<big>', '<dir>', '<link-to-secret>', '/dev/zero', '/proc/self/environ', '/etc/shadow') });

/** Scenario files, run through replay, run --save and explore --save. */
export const scenarioCase: fc.Arbitrary<FuzzCase> = fc.tuple(scenarioContent, inputPlace, fc.constantFrom('replay', 'run', 'explore')).map(([content, place, cmd]) => ({
  label: `scenario ${cmd} ${place} ${String(content).slice(0, 120)}`,
  plant: (box) => {
    plantHostile(box);
    writeFileSync(join(box.inDir, 's.json'), content);
  },
  argv: (box) => {
    const f = place === '<written>' ? join(box.inDir, 's.json') : resolveToken(box, place);
    if (cmd === 'replay') return ['replay', '--seed', '0', '--scenario', f, '--variant', 'hardened', ...BUDGET];
    if (cmd === 'run') return ['run', '--scenario', f, '--seed', '0', '--variant', 'pre-fix', '--save', join(box.outDir, 'saved'), ...BUDGET];
    return ['explore', '--scenario', f, '--variant', 'pre-fix', '--max-schedules', '3', '--save', join(box.outDir, 'explored'), ...BUDGET];
  },
}));

const REPRO_FIELDS = ['format', 'target', 'scenario', 'variant', 'swarm', 'strategy', 'strategy.kind', 'strategy.seed', 'strategy.decisions', 'expect', 'traceHash', 'note', 'extra'];
const reproValue = fc.oneof(
  hostileValue,
  fc.constantFrom<unknown>('tiny', 'smoke', 'nope', 'pre-fix', 'hardened', 'block-lifecycle', 'pass', 'dst-repro/1', 'worker-pool', './examples/worker-pool/target.ts', '/etc/shadow.ts', 'x'.repeat(3000), { kind: 'random', seed: -1 }, { kind: 'pct', seed: 1, depth: 99, steps: 1 }, { kind: 'decisions', decisions: [['sched', 1, 5]] }, [['sched', 2, 1]], '0000000000000000'),
  fc.array(edit, { maxLength: 2 }).map((es) => es.reduce(applyEdit, { ...TINY, name: 'fuzz' })),
);
const reproEdit = fc.oneof(fc.record({ path: fc.constantFrom(...REPRO_FIELDS), value: reproValue }), fc.record({ path: fc.constantFrom(...REPRO_FIELDS), remove: fc.constant(true as const) }));

/** Repro files: a shipped regression with a few fields broken, or broken text, through replay, --check, --save, shrink and --trace --out. */
export const reproCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(fc.oneof({ weight: 4, arbitrary: fc.tuple(fc.constantFrom(SEED_REPRO, LIST_REPRO), fc.array(reproEdit, { minLength: 0, maxLength: 3 })).map(([base, es]) => JSON.stringify(es.reduce(applyEdit, base))) }, { weight: 1, arbitrary: brokenText }), inputPlace, fc.constantFrom('replay', 'check', 'save', 'shrink', 'trace'))
  .map(([content, place, how]) => ({
    label: `repro ${how} ${place} ${content.slice(0, 160)}`,
    plant: (box) => {
      plantHostile(box);
      writeFileSync(join(box.inDir, 'r.json'), content);
    },
    argv: (box) => {
      const f = place === '<written>' ? join(box.inDir, 'r.json') : resolveToken(box, place);
      if (how === 'replay') return ['replay', f, ...BUDGET];
      if (how === 'check') return ['replay', f, '--check', ...BUDGET];
      if (how === 'save') return ['replay', f, '--save', join(box.outDir, 'saved'), '--note', 'fuzz', ...BUDGET];
      if (how === 'shrink') return ['shrink', f, '--max-runs', '3', '--out', join(box.outDir, 'shrunk.json'), ...BUDGET];
      return ['replay', f, '--trace', 'json', '--out', join(box.outDir, 'trace.json'), ...BUDGET];
    },
  }));

/** A name for an output file inside out/. */
const outName = fc.oneof(
  fc.constantFrom('t.txt', 'my trace é.txt', 'a b', '日本.json', 'x'.repeat(300), '.hidden', 'new\nline.txt', '..', '.', '', 'nul\u0000byte', '.dst-000000000000.1.tmp', 'a/b/c/deep.txt'),
  fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !s.includes('/') && s !== '.' && s !== '..'),
);

/** What sits at the output path before the command: nothing, a planted symlink to the victim, a dangling symlink, a FIFO, a folder, a file (then a path under it). */
const planted = fc.constantFrom('nothing', 'link-to-victim', 'dangling-link', 'fifo', 'folder', 'file', 'under-a-file', 'existing-repro');

/** Output paths: inside out/ (with something planted there or not), or hostile absolute paths. */
const outPath = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(outName, planted).map(([name, what]) => ({ name, what, absolute: null as string | null })) },
  { weight: 1, arbitrary: fc.constantFrom('/dev/null', '/dev/stdout', '/dev/zero', '/proc/dst-fuzz/x', '/proc', '/proc/self/dst', '/sys/kernel/dst', '/sys/kernel').map((absolute) => ({ name: '', what: 'nothing', absolute: absolute as string | null })) },
);

function plantAt(box: Omit<Sandbox, 'before' | 'beforeOut'>, name: string, what: string): string {
  const p = join(box.outDir, name);
  if (name.includes('\u0000') || name === '' || name === '.' || name === '..') return p;
  try {
    mkdirSync(dirname(p), { recursive: true });
    if (what === 'link-to-victim') plantLink(box.victim, p);
    else if (what === 'dangling-link') plantLink(join(box.outside, 'does-not-exist'), p);
    else if (what === 'fifo') mkfifo(p);
    else if (what === 'folder') mkdirSync(p);
    else if (what === 'file' || what === 'under-a-file') writeFileSync(p, 'old\n');
    else if (what === 'existing-repro') writeFileSync(p, '{}\n');
  } catch {
    // a name the file system refuses (too long): the command meets it as it is
  }
  return what === 'under-a-file' ? join(p, 'sub') : p;
}

/** Output paths for --out (trace, shrink) and --save (replay, run, explore). */
export const outputCase: fc.Arbitrary<FuzzCase> = fc.tuple(outPath, fc.constantFrom('trace-text', 'trace-html', 'replay-save', 'run-save', 'run-junit', 'shrink-out', 'explore-save')).map(([o, how]) => ({
  label: `output ${how} ${JSON.stringify(o)}`,
  plant: (box) => {
    writeFileSync(join(box.inDir, 'r.json'), JSON.stringify(LIST_REPRO));
    if (o.absolute === null) plantAt(box, o.name, o.what);
  },
  argv: (box) => {
    // `out/..` as --save is a folder the user gave (the world's root): not an escape to test.
    const name = o.name === '..' && how.endsWith('save') ? '.' : o.name;
    // Nothing is planted at `out/..`, so `out/../sub` is a new file outside out/ that the user named, not a path under a file.
    const underAFile = o.what === 'under-a-file' && name !== '..';
    const p = o.absolute ?? (underAFile ? join(box.outDir, name, 'sub') : join(box.outDir, name));
    const replay = ['replay', '--seed', '1', '--scenario', 'tiny', '--variant', 'pre-fix'];
    if (how === 'trace-text') return [...replay, '--trace', 'text', '--out', p];
    if (how === 'trace-html') return [...replay, '--trace', 'html', '--out', p];
    if (how === 'replay-save') return [...replay, '--save', p];
    if (how === 'run-save') return ['run', '--scenario', 'tiny', '--seeds', '0..1', '--variant', 'pre-fix', '--save', p];
    if (how === 'run-junit') return ['run', '--scenario', 'tiny', '--seeds', '0..1', '--variant', 'pre-fix', '--junit', p];
    if (how === 'shrink-out') return ['shrink', join(box.inDir, 'r.json'), '--max-runs', '3', '--out', p];
    return ['explore', '--scenario', 'tiny', '--variant', 'pre-fix', '--max-schedules', '50', '--save', p];
  },
}));

const flagValue = fc.oneof(
  fc.constantFrom('tiny', 'smoke', 'nope', 'pre-fix', 'hardened', 'upstream', '0..2', '5..1', 'random:2', 'random:0', '1/2', '3/2', '5/5', '0/2', '0', '1', '-1', 'x', 'text', 'json', 'pdf', '', '../../etc', '1ms', '10m', '5x', '16', '99999999', '<secret>', '<fifo>', '<out>', '<out>/sub', '/dev/null', '/proc/x', 'x'.repeat(2100), 'bulk-engine', './examples/worker-pool/target.ts', '/etc/shadow'),
  fc.string({ maxLength: 6 }),
);
const flagName = fc.constantFrom('--scenario', '--variant', '--strategy', '--seeds', '--seed', '--shard', '--workers', '--budget', '--bail', '--junit', '--junit-per-run', '--quiet', '--no-races', '--timing', '--bound', '--max-schedules', '--max-runs', '--trace', '--out', '--save', '--note', '--target', '--max-wall', '--max-heap-mb', '--json', '--swarm', '--check', '--bogus', '-x');
const NO_VALUE = ['--json', '--swarm', '--check', '--bail', '--junit-per-run', '--quiet', '--no-races', '--timing'];

/** Argument vectors: a command and up to four flags with values, tokens resolved in the world. */
export const argvCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(fc.constantFrom('run', 'replay', 'explore', 'list', 'shrink', 'merge', 'nope', ''), fc.option(fc.constantFrom('<repro>', '<secret>', '<fifo>', '/dev/zero', 'x.json'), { nil: undefined }), fc.array(fc.tuple(flagName, flagValue), { maxLength: 4 }))
  .map(([cmd, positional, pairs]) => ({
    label: `argv ${cmd} ${positional ?? ''} ${JSON.stringify(pairs).slice(0, 200)}`,
    plant: (box) => {
      plantHostile(box);
      writeFileSync(join(box.inDir, 'r.json'), JSON.stringify(LIST_REPRO));
    },
    argv: (box) => {
      const args: string[] = [cmd];
      if (positional !== undefined) args.push(positional === '<repro>' ? join(box.inDir, 'r.json') : resolveToken(box, positional));
      for (const [f, v] of pairs) {
        args.push(f);
        if (NO_VALUE.includes(f)) continue;
        // Only cheap cases can be valid: the tiny scenario, few seeds, small budgets; writes go into out/.
        let value = resolveToken(box, v);
        if (f === '--scenario' && v === 'smoke') value = 'tiny';
        if (f === '--seeds' && v === '0..2') value = '0..1';
        if (f === '--seeds' && v === 'random:2') value = 'random:1';
        if (f === '--max-schedules' || f === '--max-runs') value = '5';
        if (f === '--workers' && /^\d+$/.test(v)) value = v === '0' ? '0' : '1';
        if ((f === '--out' || f === '--save' || f === '--junit') && !value.startsWith(box.outDir) && !value.startsWith('/dev') && !value.startsWith('/proc')) value = join(box.outDir, 'x');
        args.push(value);
      }
      const given = new Set<string>(pairs.map(([f]) => f));
      const add = (f: string, v: string) => {
        if (!given.has(f)) args.push(f, v);
      };
      if (cmd === 'run' || cmd === 'explore') add('--scenario', 'tiny');
      if (cmd === 'run' || cmd === 'explore') add('--save', join(box.outDir, 'default'));
      if (cmd === 'run') add('--seeds', '0..1');
      if (cmd === 'explore') add('--max-schedules', '5');
      // Without --out, shrink writes beside its input (documented): give it out/ like every other output.
      if (cmd === 'shrink') add('--out', join(box.outDir, 'shrunk.json'));
      return args;
    },
  }));
