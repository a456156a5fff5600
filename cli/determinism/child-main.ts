/**
 * The determinism copy: runs each case its parent sends and answers with the trace hash
 * (and, when asked, the decisions and events, to name where the two runs part). Exits
 * when the parent goes away.
 */
import { runCase } from '../../harness/case.ts';
import { recordOf } from '../../harness/divergence.ts';
import { loadTarget } from '../../harness/targets.ts';
import type { CopyAnswer, CopyRequest } from './protocol.ts';

const send = (a: CopyAnswer) => process.send?.(a);

async function answer(m: CopyRequest): Promise<CopyAnswer> {
  try {
    const c = m.case;
    const target = await loadTarget(c.target);
    const run = runCase({ target, config: c.config, configRef: c.configRef, configName: c.configName, variant: c.variant, strategy: c.strategy, swarm: c.swarm, keepTrace: m.detail, ...(c.budget !== undefined && { budget: c.budget }) });
    return { id: m.id, traceHash: run.report.traceHash, decisionsHash: run.report.decisionsHash, outcome: run.report.outcome, ...(m.detail && { record: recordOf(run.result) }) };
  } catch (e) {
    return { id: m.id, error: e instanceof Error ? e.message : String(e) };
  }
}

// One case at a time, in the order sent.
let queue = Promise.resolve();
process.on('message', (m: CopyRequest) => {
  queue = queue.then(async () => {
    send(await answer(m));
  });
});
process.on('disconnect', () => process.exit(0));
