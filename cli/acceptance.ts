/**
 * `npm run acceptance`: the long acceptance checks of the `dst` issue, as one command
 * (about 15–20 minutes on 2 cores; not part of `npm test`):
 * - pre-fix on checkin-storm, seeds 0..199, fails block-lifecycle, and every failure's
 *   replay command reproduces its property and trace hash;
 * - hardened passes every shipped scenario over seeds 0..499, and the default scenarios
 *   over seeds 0..499 in swarm mode, with every property on (the progress, resource and
 *   request/answer oracles included);
 * - exploration finds the pre-fix leak on tiny and exhausts tiny on hardened.
 * Prints one line per check and exits 1 if any check fails.
 */
import { scenarioNames } from '../scenario/load.ts';
import { replayArgv, runCli } from './testing/run-cli.ts';

interface Report {
  passed: boolean;
  runs: number;
  failures: { property: string; traceHash: string; replay: string }[];
  traceHash?: string;
}

let ok = true;
const check = (name: string, pass: boolean, detail: string) => {
  ok &&= pass;
  process.stdout.write(`${pass ? 'PASS' : 'FAIL'}  ${name}: ${detail}\n`);
};

async function json(argv: string[]): Promise<{ code: number; report: Report }> {
  const r = await runCli([...argv, '--json']);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

const pre = await json(['run', '--variant', 'pre-fix', '--scenario', 'checkin-storm', '--seeds', '0..199', '--workers', '2']);
check('pre-fix checkin-storm 0..199', pre.code === 1 && pre.report.failures.some((f) => f.property === 'block-lifecycle'), `exit ${pre.code}, ${pre.report.failures.length}/${pre.report.runs} failing`);
let same = 0;
for (const f of pre.report.failures) {
  const again = await json(replayArgv(f.replay));
  const first = again.report.failures[0];
  if (first?.property === f.property && again.report.traceHash === f.traceHash) same++;
}
check('every pre-fix replay command', same === pre.report.failures.length, `${same}/${pre.report.failures.length} reproduce property and trace hash`);

for (const s of scenarioNames()) {
  const h = await json(['run', '--variant', 'hardened', '--scenario', s, '--seeds', '0..499', '--workers', '2']);
  check(`hardened ${s} 0..499`, h.code === 0, `exit ${h.code}, ${h.report.runs} runs, ${h.report.failures.length} failing`);
}
const swarm = await json(['run', '--variant', 'hardened', '--swarm', '--seeds', '0..499', '--workers', '2']);
check('hardened swarm, default scenarios, 0..499', swarm.code === 0, `exit ${swarm.code}, ${swarm.report.runs} runs, ${swarm.report.failures.length} failing`);

const exPre = await runCli(['explore', '--scenario', 'tiny', '--variant', 'pre-fix', '--json']);
check('explore tiny pre-fix', exPre.code === 1, `exit ${exPre.code}`);
const exHard = await runCli(['explore', '--scenario', 'tiny', '--variant', 'hardened', '--json']);
const hard = JSON.parse(exHard.stdout) as { exhausted: boolean; schedules: number };
check('explore tiny hardened', exHard.code === 0 && hard.exhausted, `exit ${exHard.code}, ${hard.schedules} schedules, exhausted ${hard.exhausted}`);

process.exitCode = ok ? 0 : 1;
