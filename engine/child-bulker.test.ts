/**
 * Remote-output child bulkers, following upstream at dc8e230: `bulk_remote_output_test.go`
 * (`Test_hasChangedAndUpdateRemoteOutputConfig`, `Test_CreateAndGetBulkerNew`,
 * `Test_CreateAndGetBulkerExisting`, `Test_CreateAndGetBulkerChanged`), `bulk_test.go`
 * `TestCancelCtxChildBulker` (spec §7.3 B2), and what `engine.go`'s `CreateAndGetBulker`
 * (l.214–260) does when calls overlap, when a re-creation fails, and when a child is
 * cancelled (its unbuffered `errCh`).
 */
import { describe, expect, it } from 'vitest';
import { Canceled, RandomWalk, sec, sleep, withCancel, type GoError } from '../sim/index.ts';
import { Bulker } from './bulker.ts';
import { ErrBulkerClosed } from './errors.ts';
import type { ChildEntry, RemoteOutputConfig } from './child-bulker.ts';
import { ENGINE_DEFAULTS, SERVER_CONFIG_DEFAULTS } from './options.ts';
import { remoteClientFactory } from './remote-client.ts';
import { NO_RETRY } from './es-client/retry-policy.ts';
import { go, world } from './testing/harness.ts';
import { ScriptedTransport } from './testing/scripted-transport.ts';
import { DISTINCT_VARIANTS, VARIANTS, type VariantName } from './variants.ts';

const CFG1 = { type: 'remote_elasticsearch', hosts: ['https://remote-es:443'], service_token: 'token1' };
const OUTPUTS = { remote1: CFG1 };

function setup(v: VariantName) {
  const w = world(v);
  const remote = new ScriptedTransport(w.sim, () => ({ status: 200, body: '{"username":"agent","enabled":true}' }));
  const parent = new Bulker(w.sim, w.es, { variant: v, options: { ...SERVER_CONFIG_DEFAULTS }, remoteTransport: remoteClientFactory(w.sim, NO_RETRY, () => remote) });
  return { w, remote, parent };
}

/** A child made by hand, as upstream's tests put `NewBulker(nil, nil)` into `bulkerMap`. */
function handChild(s: ReturnType<typeof setup>, onCancel: () => void = () => undefined): ChildEntry {
  const [ctx] = withCancel(s.w.bg);
  return { bulker: new Bulker(s.w.sim, s.w.es, { variant: s.parent.variant, name: 'hand' }), cancel: onCancel, ctx };
}

describe('Test_hasChangedAndUpdateRemoteOutputConfig', () => {
  const cases: [string, RemoteOutputConfig | null, RemoteOutputConfig, boolean][] = [
    ['initial nil', null, CFG1, false],
    ['no changes', CFG1, { ...CFG1 }, false],
    ['change to service token', CFG1, { ...CFG1, service_token: 'token2' }, true],
    ['change to advanced config', { ...CFG1, 'server.memory_limit': '4' }, { ...CFG1, 'server.memory_limit': '5' }, true],
  ];
  it.each(cases)('%s', (_name, cfg, newCfg, changed) => {
    const s = setup('upstream');
    s.parent.children.preset('remote1', cfg);
    const got = go(s.w.sim, 'test', () => s.parent.children.hasChangedAndUpdateRemoteOutputConfig('remote1', newCfg));
    s.w.sim.run();
    expect(got.value).toBe(changed);
    expect(s.parent.children.configOf('remote1')).toEqual(newCfg);
  });
});

describe.each(DISTINCT_VARIANTS)('%s: CreateAndGetBulker', (v) => {
  it('Test_CreateAndGetBulkerNew: a new child, not reported as changed', () => {
    const s = setup(v);
    const got = go(s.w.sim, 'test', function* () {
      const r = yield* s.parent.createAndGetBulker('remote1', OUTPUTS);
      yield* s.parent.children.cancelAll();
      return r;
    });
    s.w.sim.run();
    expect(got.value?.err).toBeNull();
    expect(got.value?.value?.changed).toBe(false);
    expect(got.value?.value?.bulker).toBeInstanceOf(Bulker);
  });

  it('Test_CreateAndGetBulkerExisting: the stored child, unchanged config', () => {
    const s = setup(v);
    const existing = handChild(s);
    s.parent.children.preset('remote1', CFG1, existing);
    const got = go(s.w.sim, 'test', () => s.parent.createAndGetBulker('remote1', OUTPUTS));
    s.w.sim.run();
    expect(got.value?.value).toEqual({ bulker: existing.bulker, changed: false });
  });

  it('Test_CreateAndGetBulkerChanged: a new child, reported as changed; the old one\'s cancelFn called', () => {
    const s = setup(v);
    let cancelled = false;
    const existing = handChild(s, () => void (cancelled = true));
    s.parent.children.preset('remote1', CFG1, existing);
    const got = go(s.w.sim, 'test', function* () {
      const r = yield* s.parent.createAndGetBulker('remote1', { remote1: { ...CFG1, service_token: 'token2' } });
      yield* s.parent.children.cancelAll();
      return r;
    });
    s.w.sim.run();
    expect(got.value?.value?.bulker).not.toBe(existing.bulker);
    expect(got.value?.value?.changed).toBe(true);
    expect(cancelled).toBe(true);
  });

  it('TestCancelCtxChildBulker: APIKeyAuth with a cancelled ctx fails with Canceled; the child Run keeps going, with engine defaults', () => {
    const s = setup(v);
    const [ctx, cancel] = withCancel(s.w.bg, 'test-ctx');
    cancel();
    let authErr: GoError | null | undefined;
    let liveAt1s: boolean | undefined;
    go(s.w.sim, 'test', function* () {
      const got = yield* s.parent.createAndGetBulker('remote1', OUTPUTS);
      const child = got.value?.bulker as Bulker;
      const entry = s.parent.children.peek('remote1') as ChildEntry;
      authErr = (yield* child.apiKeyAuth(ctx, { id: 'k', key: 's' })).err;
      yield* sleep(sec(1));
      liveAt1s = entry.runErr === undefined;
      yield* s.parent.children.cancelAll();
      expect(child.opts).toEqual(ENGINE_DEFAULTS);
      expect(child.apikeyLimit.size).toBe(32);
    });
    s.w.sim.run();
    expect(authErr).toBe(Canceled);
    expect(s.remote.requests).toEqual([]);
    expect(liveAt1s).toBe(true);
    expect(s.parent.apikeyLimit.size).toBe(120);
    expect(s.parent.children.peek('remote1')?.runErr).toBe(Canceled);
  });

  it('a remote config without a service token fails with createRemoteEsClient\'s text', () => {
    const s = setup(v);
    const got = go(s.w.sim, 'test', () => s.parent.createAndGetBulker('remote1', { remote1: { ...CFG1, service_token: '' } }));
    s.w.sim.run();
    expect(got.value?.err?.message).toBe('failed to get service token from output: remote1');
  });
});

describe.each(DISTINCT_VARIANTS)('%s: what the lock sections allow (issue #17 item 3)', (v) => {
  const hardened = VARIANTS[v].childCreateSerialized;

  it("a first use after the parent's Run has exited: upstream starts a child whose Run nobody cancels; hardened refuses it with ErrBulkerClosed", () => {
    const s = setup(v);
    let err: GoError | null | undefined;
    go(s.w.sim, 'late-request', function* () {
      yield* s.parent.children.cancelAll();
      err = (yield* s.parent.createAndGetBulker('remote1', OUTPUTS)).err;
    });
    const res = s.w.sim.run();
    const stuck = res.live.map((t) => t.name).filter((n) => n.endsWith('.run'));
    if (VARIANTS[v].childRefusedAfterRunExit) {
      expect(err).toBe(ErrBulkerClosed);
      expect(stuck).toEqual([]);
    } else {
      expect(err).toBeNull();
      expect(stuck).toHaveLength(1);
    }
  });

  it('concurrent first use: calls that each pass "no child yet" before any stores one orphan all children but the last stored', () => {
    const orphanedRuns: number[] = [];
    for (let seed = 0; seed < 20; seed++) {
      const w = world(v, { strategy: new RandomWalk(seed) });
      const remote = new ScriptedTransport(w.sim, () => ({ status: 200, body: '{}' }));
      const parent = new Bulker(w.sim, w.es, { variant: v, options: { ...SERVER_CONFIG_DEFAULTS }, remoteTransport: remoteClientFactory(w.sim, NO_RETRY, () => remote) });
      const got: (Bulker | undefined)[] = [];
      for (let i = 0; i < 3; i++) go(w.sim, `req-${i}`, function* () {
        got.push((yield* parent.createAndGetBulker('remote1', OUTPUTS)).value?.bulker);
      });
      go(w.sim, 'stopper', function* () {
        yield* sleep(sec(1));
        yield* parent.children.cancelAll();
      });
      const res = w.sim.run();
      const orphans = parent.children.all.filter((c) => c.runErr === undefined);
      // An orphan's Run is never cancelled: its task is still blocked when the run ends.
      for (const o of orphans) expect(res.live.map((t) => t.name)).toContain(`${o.bulker.name}.run`);
      if (hardened) expect([parent.children.all.length, new Set(got).size]).toEqual([1, 1]);
      orphanedRuns.push(orphans.length);
    }
    if (hardened) expect(orphanedRuns.every((n) => n === 0)).toBe(true);
    else expect(orphanedRuns.some((n) => n > 0)).toBe(true);
  });

  it('a failed re-creation: the old child is cancelled but stays in the map, and later calls get it back as unchanged', () => {
    const s = setup(v);
    const results: string[] = [];
    go(s.w.sim, 'test', function* () {
      const first = yield* s.parent.createAndGetBulker('remote1', OUTPUTS);
      const bad = yield* s.parent.createAndGetBulker('remote1', { remote1: { ...CFG1, service_token: '' } });
      results.push(bad.err?.message ?? 'ok');
      const later = yield* s.parent.createAndGetBulker('remote1', { remote1: { ...CFG1, service_token: '' } });
      results.push(later.err?.message ?? (later.value?.bulker === first.value?.bulker ? 'the cancelled child' : 'another child'));
      yield* s.parent.children.cancelAll();
    });
    s.w.sim.run();
    expect(results[0]).toBe('failed to get service token from output: remote1');
    expect(results[1]).toBe(VARIANTS[v].childForgetFailed ? 'failed to get service token from output: remote1' : 'the cancelled child');
  });

  it('a cancelled child\'s Run goroutine blocks on the unbuffered errCh once its watcher has returned (a leaked goroutine holding the child)', () => {
    const s = setup(v);
    go(s.w.sim, 'test', function* () {
      yield* s.parent.createAndGetBulker('remote1', OUTPUTS);
      yield* s.parent.children.cancelAll();
    });
    const res = s.w.sim.run();
    const entry = s.parent.children.peek('remote1') as ChildEntry;
    expect(entry.runErr).toBe(Canceled);
    if (VARIANTS[v].childErrChBuffered) expect(res.live).toEqual([]);
    else expect(res.live.map((t) => `${t.name}: ${t.waitingOn}`)).toEqual(['bulker.remote1#1.run: send on bulker.remote1#1.errCh']);
  });
});
