/**
 * B2 `TestCancelCtxChildBulker` (spec §7.3, §1.3): a remote-output child bulker runs on its
 * own Background-derived ctx with engine defaults; APIKeyAuth with a cancelled ctx fails
 * with Canceled at the semaphore while the child's Run keeps going; the parent's Run exit
 * cancels the child.
 */
import { describe, expect, it } from 'vitest';
import { Canceled, sec, sleep, withCancel, type GoError } from '../sim/index.ts';
import { Bulker } from './bulker.ts';
import { ENGINE_DEFAULTS, SERVER_CONFIG_DEFAULTS } from './options.ts';
import { world } from './testing/harness.ts';
import { ScriptedTransport } from './testing/scripted-transport.ts';
import { VARIANT_NAMES } from './variants.ts';

const OUTPUTS = { remote: { type: 'remote_elasticsearch', hosts: ['https://remote-es:443'], service_token: 'token1' } };

function setup(v: (typeof VARIANT_NAMES)[number]) {
  const w = world(v);
  const remote = new ScriptedTransport(w.sim, () => ({ status: 200, body: '{"username":"agent","enabled":true}' }));
  const parent = new Bulker(w.sim, w.es, { variant: v, options: { ...SERVER_CONFIG_DEFAULTS }, remoteTransport: () => remote });
  return { w, remote, parent };
}

describe.each(VARIANT_NAMES)('%s', (v) => {
  it('TestCancelCtxChildBulker: APIKeyAuth with a cancelled ctx fails with Canceled; the child Run keeps going', () => {
    const { w, remote, parent } = setup(v);
    const [ctx, cancel] = withCancel(w.bg, 'test-ctx');
    cancel();
    const got = parent.children.createAndGet('remote', OUTPUTS);
    if (got.err !== null) throw got.err;
    const child = got.value.bulker;
    const entry = parent.children.get('remote');
    let authErr: GoError | null | undefined;
    let liveAt1s: boolean | undefined;
    w.sim.spawn('test', function* () {
      authErr = (yield* child.apiKeyAuth(ctx, { id: 'k', key: 's' })).err;
      yield* sleep(sec(1));
      liveAt1s = entry?.runErr === undefined;
      entry?.cancel(); // end the run
    });
    const res = w.sim.run();
    expect(res.outcome.kind).toBe('ok');
    expect(authErr).toBe(Canceled);
    expect(remote.requests).toEqual([]);
    expect(child.apikeyLimit.held).toBe(0);
    expect(liveAt1s).toBe(true);
    expect(entry?.runErr).toBe(Canceled);
    // The child uses engine defaults, not the parent's server config.
    expect(child.opts).toEqual(ENGINE_DEFAULTS);
    expect(parent.apikeyLimit.size).toBe(120);
    expect(child.apikeyLimit.size).toBe(32);
  });

  it('APIKeyAuth with a live ctx goes to the child\'s own ES client and releases its slot', () => {
    const { w, remote, parent } = setup(v);
    const got = parent.children.createAndGet('remote', OUTPUTS);
    if (got.err !== null) throw got.err;
    let user = '';
    w.sim.spawn('test', function* () {
      const r = yield* got.value.bulker.apiKeyAuth(w.bg, { id: 'k', key: 's' });
      user = r.err === null ? r.value.username : r.err.message;
      parent.children.cancelAll();
    });
    expect(w.sim.run().outcome.kind).toBe('ok');
    expect(user).toBe('agent');
    expect(remote.requests.map((q) => q.path)).toEqual(['/_security/_authenticate']);
    expect(got.value.bulker.apikeyLimit.held).toBe(0);
  });

  it('the parent Run exit cancels the child; a config change replaces it', () => {
    const { w, parent } = setup(v);
    const [rctx, stop] = withCancel(w.bg, 'parent-run-ctx');
    w.sim.spawn('bulker.run', () => parent.run(rctx));
    const first = parent.children.createAndGet('remote', OUTPUTS);
    const same = parent.children.createAndGet('remote', OUTPUTS);
    const e1 = parent.children.get('remote');
    const changed = parent.children.createAndGet('remote', { remote: { ...OUTPUTS.remote, service_token: 'token2' } });
    const e2 = parent.children.get('remote');
    w.sim.spawn('stopper', function* () {
      yield* sleep(sec(1));
      stop();
    });
    expect(w.sim.run().outcome.kind).toBe('ok');
    expect(same.value?.bulker).toBe(first.value?.bulker);
    expect(same.value?.changed).toBe(false);
    expect(changed.value?.changed).toBe(true);
    expect(changed.value?.bulker).not.toBe(first.value?.bulker);
    expect(e1?.runErr).toBe(Canceled);
    expect(e2?.runErr).toBe(Canceled);
  });
});
