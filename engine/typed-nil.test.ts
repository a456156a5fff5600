/**
 * The typed nil (issue #17 item 2), following upstream at dc8e230:
 * `bulkStubItem.Choose()` (`internal/pkg/bulk/schema.go` l.21–34) returns a nil
 * `*BulkIndexerResponseItem` for an item with no known op key; `flushBulk`
 * (`opBulk.go` l.283–289) sends it as `data: item` with `err: item.deriveError()`
 * ("unknown bulk operator", `schema.go` l.64–67); `multiWaitBulkOp` (`opMulti.go`
 * l.119–120) checks `r.data != nil` (true for a typed nil) and dereferences it: a panic in
 * the waiting goroutine. `waitBulkAction` returns the error before it casts. `hardened`
 * skips the nil item (`multiSkipNilItem`).
 */
import { describe, expect, it } from 'vitest';
import { withCancel } from '../sim/index.ts';
import { runCase } from '../harness/case.ts';
import { engineCase } from '../targets/bulk-engine/testing.ts';
import { go, world } from './testing/harness.ts';
import { ndjson } from './testing/scripted-transport.ts';
import { VARIANT_NAMES, VARIANTS, type VariantName } from './variants.ts';

/** A `_bulk` reply whose first item has no op key (what a proxy-altered body looks like to easyjson). */
function firstItemWithoutOp(body: string): { status: number; body: string } {
  const lines = ndjson(body) as Record<string, { _id?: string }>[];
  const items: unknown[] = [];
  for (let i = 0; i < lines.length; i++) {
    const k = Object.keys(lines[i] as object)[0] as string;
    items.push(items.length === 0 ? {} : { [k]: { _id: (lines[i] as Record<string, { _id?: string }>)[k]?._id ?? '', status: 200 } });
    if (k !== 'delete') i++;
  }
  return { status: 200, body: JSON.stringify({ took: 1, errors: false, items }) };
}

function run(v: VariantName, call: 'mUpdate' | 'update') {
  const w = world(v, { options: { flushThresholdCnt: 2 }, script: (req) => firstItemWithoutOp(req.body) });
  const [rctx, stop] = withCancel(w.bg);
  w.sim.spawn('bulker.run', () => w.bulker.run(rctx));
  const ops = [{ index: 'i', id: 'a', body: '{"doc":{}}' }, { index: 'i', id: 'b', body: '{"doc":{}}' }];
  const box = go(w.sim, 'caller', function* () {
    const r = call === 'mUpdate' ? yield* w.bulker.mUpdate(w.bg, ops) : yield* w.bulker.update(w.bg, 'i', 'a', '{"doc":{}}');
    stop();
    return r;
  });
  if (call === 'update') go(w.sim, 'other', () => w.bulker.update(w.bg, 'i', 'b', '{"doc":{}}'));
  return { res: w.sim.run(), box };
}

describe.each(VARIANT_NAMES)('%s', (v) => {
  it('MUpdate: an item without a known op key reaches multiWaitBulkOp as a typed nil', () => {
    const { res, box } = run(v, 'mUpdate');
    if (VARIANTS[v].multiSkipNilItem) {
      expect(res.outcome.kind).toBe('ok');
      expect(box.value?.err?.message).toBe('unknown bulk operator');
    } else {
      expect(res.outcome.kind).toBe('panic');
      expect(res.outcome.message).toContain('runtime error: invalid memory address or nil pointer dereference');
      expect(res.outcome.message).toContain('caller');
    }
  });
  it('a single Update gets "unknown bulk operator" before waitBulkAction casts: no panic', () => {
    const { res } = run(v, 'update');
    expect(res.outcome.kind).toBe('ok');
  });
});

describe('the shipped scenario typed-nil finds the panic on every variant that has it', () => {
  it.each(VARIANT_NAMES)('%s', (v) => {
    const props = [0, 1, 2].map((seed) => runCase(engineCase({ scenario: 'typed-nil', variant: v, seed })).report.violations.map((x) => x.property));
    if (VARIANTS[v].multiSkipNilItem) expect(props.flat()).toEqual([]);
    else expect(props.some((p) => p.includes('no-panic'))).toBe(true);
  });
});
