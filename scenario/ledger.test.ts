/**
 * The call ledger and retried writes: without faults that land a write and then fail it,
 * an Elasticsearch error proves the write was not applied; with them (the ES client
 * retries a reset or a proxy's 504, `internal/pkg/es/client.go` `applyDefaultOptions`),
 * an earlier attempt may have landed it, so `durable-acks` must allow its value.
 */
import { describe, expect, it } from 'vitest';
import { ErrElasticVersionConflict, ErrNoQuotes } from '../engine/index.ts';
import { Sim, type GoError, type Proc } from '../sim/index.ts';
import { LabelChooser } from '../engine/testing/label-chooser.ts';
import { CallLedger } from './ledger.ts';

function attempt(retried: boolean, err: GoError): boolean {
  const sim = new Sim({ strategy: new LabelChooser() });
  const ledger = new CallLedger(sim, { landedWritesMayBeRetried: retried });
  sim.spawn('t', function* (): Proc<void> {
    yield* ledger.call('Create', (function* (): Proc<{ err: GoError }> {
      return { err };
    })(), { index: 'i', id: '1', fields: { a: 1 } });
  });
  sim.run();
  return (ledger.writes[0] as { mayHaveLanded: boolean }).mayHaveLanded;
}

describe('CallLedger: which errors prove a write did not land', () => {
  it('a version conflict proves it, unless writes that landed may be retried', () => {
    expect(attempt(false, ErrElasticVersionConflict)).toBe(false);
    expect(attempt(true, ErrElasticVersionConflict)).toBe(true);
  });
  it('a validation error proves it always (the write was never sent)', () => {
    expect(attempt(true, ErrNoQuotes)).toBe(false);
  });
});
