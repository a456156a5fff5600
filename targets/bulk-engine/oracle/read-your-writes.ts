/**
 * `read-your-writes`: a successful read of a document reflects the writes to it that
 * were acknowledged before the read began. For each field, the value read must be that
 * of the last such write, or of a write that may have landed since (one still in flight
 * when the read ended, acknowledged or not: a cancelled write can land later, and a bulk
 * request applies its newest item first). A lost or misrouted write shows here during
 * the run, not only in the final state `durable-acks` checks.
 */
import type { Violation } from '../../../properties/violation.ts';
import type { CallFact, RunFacts, WriteFact } from '../facts.ts';
import { readYourWritesSignature } from '../progress-signature.ts';

const key = (index: string, id: string) => `${index}\u0000${id}`;

/** The read-your-writes violations of a run. */
export function readYourWrites(f: RunFacts): Violation[] {
  const calls = new Map(f.calls.map((c) => [c.id, c]));
  const writes = new Map<string, { w: WriteFact; c: CallFact }[]>();
  for (const w of f.writes) {
    const c = calls.get(w.call);
    if (c === undefined) continue;
    let l = writes.get(key(w.index, w.id));
    if (l === undefined) writes.set(key(w.index, w.id), (l = []));
    l.push({ w, c });
  }
  const out: Violation[] = [];
  for (const r of f.calls) {
    const a = r.answer;
    if (a?.kind !== 'read' || r.intent?.kind !== 'read' || r.error !== null || !a.found || a.source === null || r.end === null) continue;
    const ws = writes.get(key(r.intent.index, r.intent.id));
    if (ws === undefined) continue;
    let source: Record<string, unknown>;
    try {
      source = JSON.parse(a.source) as Record<string, unknown>;
    } catch {
      continue;
    }
    const fields = new Set(ws.flatMap((x) => Object.keys(x.w.fields)));
    for (const field of fields) {
      const mine = ws.filter((x) => field in x.w.fields);
      const before = mine.filter((x) => x.w.acked && x.c.endSeq !== null && x.c.endSeq < r.startSeq);
      if (before.length === 0) continue;
      const last = before.reduce((p, q) => (q.c.startSeq > p.c.startSeq ? q : p));
      const begunBeforeReadEnded = (x: { c: CallFact }) => x.c.startSeq < (r.endSeq ?? Infinity);
      const overlapsLast = (x: { c: CallFact }) => x.c.endSeq === null || x.c.endSeq > last.c.startSeq;
      const allowed = [last, ...mine.filter((x) => x !== last && begunBeforeReadEnded(x) && ((x.w.acked && overlapsLast(x)) || (!x.w.acked && x.w.mayHaveLanded)))];
      const actual = JSON.stringify(source[field]);
      if (!allowed.some((x) => JSON.stringify(x.w.fields[field]) === actual)) {
        out.push({
          property: 'read-your-writes',
          message: `${r.op} call #${r.id} by ${r.task} read ${r.intent.index}/${r.intent.id} field ${field} = ${actual ?? 'missing'}, but ${last.c.op} call #${last.c.id} by ${last.c.task} had acknowledged ${JSON.stringify(last.w.fields[field])} before the read began`,
          signature: readYourWritesSignature(r.op, last.c.op, field),
          evidence: { step: f.result.steps, time: r.end, tasks: [r.task] },
        });
      }
    }
  }
  return out;
}
