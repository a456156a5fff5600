/**
 * `counted-resources`: every counted resource of the engine is given back by the end of
 * the run: the `maxPending` flush slots (each handed to the flush task that must release
 * it), the `apikeyLimit` slots, and any other semaphore the engine makes (a connection
 * limit counts the same way, with no change here). A slot still held is reported with
 * its holder, whether that task has ended, and the task and step that acquired it.
 */
import { formatTime } from '../../sim/index.ts';
import type { Violation } from '../../properties/violation.ts';
import type { RunFacts } from './facts.ts';
import { countedSignature } from './progress-signature.ts';

/** `counted-resources` violations. */
export function countedResources(f: RunFacts): Violation[] {
  const kind = f.result.outcome.kind;
  if (kind !== 'ok' && kind !== 'stopped' && kind !== 'deadlock') return [];
  const out: Violation[] = [];
  for (const s of f.counted) {
    for (const h of s.outstanding) {
      const ended = f.taskEnded(h.holder.id);
      const by = h.acquiredBy.id === h.holder.id ? '' : ` for it by ${h.acquiredBy.name}`;
      out.push({
        property: 'counted-resources',
        message: `${h.n} slot${h.n === 1 ? '' : 's'} of ${s.name} (size ${s.size}) still held at the end by ${h.holder.name}, ${ended ? 'which had ended' : 'still running'}; acquired${by} at step ${h.step} (${formatTime(h.time)})`,
        signature: countedSignature(s.name, h.holder.name, ended),
        evidence: { step: h.step, time: h.time, tasks: [h.holder.name] },
      });
    }
  }
  return out;
}
