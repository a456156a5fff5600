/**
 * The page's packed document is the `--trace json` document exactly, and much smaller.
 */
import { describe, expect, it } from 'vitest';
import { stormRun, v3Run } from '../testing/cases.ts';
import { traceDoc } from '../trace-doc.ts';
import { packDoc, unpackDoc } from './pack.ts';

const docs = { v3: traceDoc(v3Run()), storm: traceDoc(stormRun()) };

describe('packed trace document', () => {
  it.each(Object.keys(docs) as (keyof typeof docs)[])('round-trips the %s document exactly', (name) => {
    const doc = docs[name];
    const packed = JSON.parse(JSON.stringify(packDoc(doc)));
    expect(JSON.stringify(unpackDoc(packed))).toBe(JSON.stringify(doc));
  });

  it('is at most a third of the JSON document for checkin-storm', () => {
    expect(JSON.stringify(packDoc(docs.storm)).length).toBeLessThan(JSON.stringify(docs.storm).length / 3);
  });
});
