/**
 * The ES client's retries and connection limit, following `internal/pkg/es/client.go`
 * (`applyDefaultOptions`, `WithBackoff`; dc8e230), elastic-transport-go v8.9.0
 * `elastictransport.go` (`Client.Perform`) and cenkalti/backoff `exponential.go`
 * (`Reset`, `NextBackOff`), and the 8.19 branch's client (no `applyDefaultOptions`).
 */
import { describe, expect, it } from 'vitest';
import { background, Canceled, ECONNRESET, GoError, ms, Sim, sleep, withCancel, withTimeout, WrappingError, type Context, type Proc } from '../../sim/index.ts';
import { Bulker } from '../bulker.ts';
import { SERVER_CONFIG_DEFAULTS } from '../options.ts';
import { go } from '../testing/harness.ts';
import { LabelChooser } from '../testing/label-chooser.ts';
import { ScriptedTransport, type Scripted } from '../testing/scripted-transport.ts';
import type { HttpRequest, TransportResult } from '../transport.ts';
import { ExponentialBackOff, FLEET_BACKOFF, JITTER_STEPS } from './backoff.ts';
import { EsClient } from './client.ts';
import { APPLY_DEFAULT_OPTIONS, GO_ELASTICSEARCH_DEFAULTS_819 } from './retry-policy.ts';

const REQ: HttpRequest = { method: 'POST', path: '/_bulk', query: {}, body: '{}\n' };
const RESET = new WrappingError('read tcp 127.0.0.1:9200: connection reset by peer', ECONNRESET);

function setup(script: (n: number) => Scripted, policy = APPLY_DEFAULT_OPTIONS, jitter: number[] = [], conns?: number, lockBackoff = false) {
  const sim = new Sim({ strategy: new LabelChooser({ 'es-client.backoff-jitter': jitter }), maxTime: 3_600_000_000 });
  const net = new ScriptedTransport(sim, (_r, n) => script(n), ms(1));
  const client = new EsClient(sim, net, policy, 'es-client', conns, lockBackoff);
  return { sim, net, client, bg: background(sim) };
}

function perform(sim: Sim, client: EsClient, ctx: Context): { value?: TransportResult & { at?: number }; done: boolean } {
  return go(sim, 'caller', function* (): Proc<TransportResult & { at?: number }> {
    const r = yield* client.roundTrip(ctx, REQ);
    return { ...r, at: sim.now };
  });
}

describe('ExponentialBackOff (cenkalti/backoff exponential.go) with applyDefaultOptions\' settings', () => {
  it('intervals 0.5, 0.75, 1.125 ... s capped at 10 s; each draw ±50 % of the interval, from the decision stream', () => {
    const sim = new Sim({ strategy: new LabelChooser({ 'es-client.backoff-jitter': [0, JITTER_STEPS - 1, 8] }) });
    const b = new ExponentialBackOff(sim, FLEET_BACKOFF);
    expect(b.nextBackOff()).toBe(250_000); // 0.5 s - 50 %
    expect(b.currentInterval).toBe(750_000);
    expect(b.nextBackOff()).toBe(1_078_125); // 0.75 s: min + 15/16 of (max - min + 1 ns)
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      b.nextBackOff();
      seen.push(b.currentInterval);
    }
    expect(seen.at(-1)).toBe(10_000_000);
    b.reset();
    expect(b.currentInterval).toBe(500_000);
  });
});

describe('Perform with applyDefaultOptions (client.go l.37-67)', () => {
  it('429, 408, 425, 502, 503 and 504 are retried; the response after them is returned', () => {
    for (const status of [429, 408, 425, 502, 503, 504]) {
      const w = setup((n) => (n === 0 ? { status, body: '{}' } : { status: 200, body: '{"ok":1}' }));
      const r = perform(w.sim, w.client, w.bg);
      w.sim.run();
      expect(r.value).toMatchObject({ kind: 'response', status: 200 });
      expect(w.net.requests.length).toBe(2);
    }
  });

  it('other statuses (400, 404, 500) are not retried', () => {
    for (const status of [400, 404, 500]) {
      const w = setup(() => ({ status, body: '{}' }));
      perform(w.sim, w.client, w.bg);
      w.sim.run();
      expect(w.net.requests.length).toBe(1);
    }
  });

  it('a reset connection (ECONNRESET) is retried; a context error is not', () => {
    const w = setup((n) => (n < 2 ? { error: RESET } : { status: 200, body: '{}' }));
    const r = perform(w.sim, w.client, w.bg);
    w.sim.run();
    expect(r.value?.kind).toBe('response');
    expect(w.net.requests.length).toBe(3);
    expect(w.client.stats).toEqual({ requests: 1, attempts: 3, retries: 2 });
  });

  it('6 attempts at most; the last failed attempt still waits its backoff before the 503 is returned', () => {
    // Jitter 0 each time: waits of 0.25, 0.375, 0.5625, 0.84375, 1.265625, 1.8984375 s (6 waits).
    const w = setup(() => ({ status: 503, body: '{"error":{}}' }));
    const r = perform(w.sim, w.client, w.bg);
    w.sim.run();
    expect(w.net.requests.length).toBe(6);
    expect(r.value).toMatchObject({ kind: 'response', status: 503 });
    const waits = [250_000, 375_000, 562_500, 843_750, 1_265_625, 1_898_437];
    expect(r.value?.at).toBe(6 * 1000 + waits.reduce((a, b) => a + b, 0));
  });

  it('the request context ending during a backoff returns its error, not the last response', () => {
    const w = setup(() => ({ status: 429, body: '{}' }));
    const [ctx] = withTimeout(w.bg, ms(100));
    const r = perform(w.sim, w.client, ctx);
    w.sim.run();
    expect(r.value).toMatchObject({ kind: 'error' });
    expect((r.value as { error: GoError }).error.message).toBe('context deadline exceeded');
    expect(r.value?.at).toBe(100_000);
  });

  it('the backoff is one object per client: a request\'s first retry resets the interval another advanced', () => {
    // Jitter at mid-range, so each wait is about the interval. A fails 4 times; B (from 0.9 s) fails once.
    const sim = new Sim({ strategy: new LabelChooser({ 'es-client.backoff-jitter': Array(20).fill(JITTER_STEPS / 2) }), maxTime: 3_600_000_000 });
    const fails: Record<string, number> = { '/a': 4, '/b': 1 };
    const net = new ScriptedTransport(sim, (req) => ((fails[req.path] = (fails[req.path] as number) - 1) >= 0 ? { status: 503, body: '' } : { status: 200, body: '' }), ms(1));
    const client = new EsClient(sim, net, APPLY_DEFAULT_OPTIONS);
    const bg = background(sim);
    const seen: string[] = [];
    const b = client.backoff as ExponentialBackOff;
    const next = b.nextBackOff.bind(b);
    b.nextBackOff = () => {
      seen.push(`${sim.current?.name}:${b.currentInterval / 1000}`);
      return next();
    };
    go(sim, 'a', () => client.roundTrip(bg, { ...REQ, path: '/a' }));
    go(sim, 'b', function* () {
      yield* sleep(ms(900));
      return yield* client.roundTrip(bg, { ...REQ, path: '/b' });
    });
    sim.run();
    // A alone would wait about 500, 750, 1125, 1687.5 ms; B's Reset at 0.901 s brings A's third wait back to 750.
    expect(seen).toEqual(['a:500', 'a:750', 'b:500', 'a:750', 'a:1125']);
  });
});

describe('Perform on the 8.19 branch (no applyDefaultOptions)', () => {
  it('502, 503 and 504 are retried 3 times, at once (no backoff); 429 is not retried', () => {
    const w = setup(() => ({ status: 503, body: '' }), GO_ELASTICSEARCH_DEFAULTS_819);
    const r = perform(w.sim, w.client, w.bg);
    w.sim.run();
    expect(w.net.requests.length).toBe(4);
    expect(r.value?.at).toBe(4 * 1000);
    const t = setup(() => ({ status: 429, body: '' }), GO_ELASTICSEARCH_DEFAULTS_819);
    perform(t.sim, t.client, t.bg);
    t.sim.run();
    expect(t.net.requests.length).toBe(1);
  });

  it('a reset connection is not retried: RetryOnError accepts only TLS handshake failures', () => {
    const w = setup(() => ({ error: RESET }), GO_ELASTICSEARCH_DEFAULTS_819);
    const r = perform(w.sim, w.client, w.bg);
    w.sim.run();
    expect(w.net.requests.length).toBe(1);
    expect(r.value).toMatchObject({ kind: 'error', error: RESET });
  });
});

describe('MaxConnsPerHost (config/output.go ToESConfig: 128)', () => {
  it('a request beyond the limit waits for a connection inside its context', () => {
    const w = setup(() => ({ status: 200, body: '' }), APPLY_DEFAULT_OPTIONS, [], 2);
    const at: number[] = [];
    for (let i = 0; i < 3; i++) go(w.sim, `c${i}`, function* () {
      yield* w.client.roundTrip(w.bg, REQ);
      at.push(w.sim.now);
    });
    const [ctx, cancel] = withCancel(w.bg);
    const late = perform(w.sim, w.client, ctx);
    cancel();
    w.sim.run();
    expect(at.sort()).toEqual([1000, 1000, 2000]);
    expect(late.value).toMatchObject({ kind: 'error', error: Canceled });
    expect(w.client.conns.inUse).toBe(0);
  });

  it('flushes and API-key calls share the client\'s connections: a flush queues for one inside its 60 s flush context', () => {
    // Two connections, both held by APIKeyAuth calls whose requests never answer (Background ctx).
    const sim = new Sim({ strategy: new LabelChooser(), maxTime: 3_600_000_000 });
    const net = new ScriptedTransport(sim, (req) => (req.path === '/_security/_authenticate' ? 'hang' : { status: 200, body: '{"docs":[{"found":true,"_source":{}}]}' }), ms(1));
    const client = new EsClient(sim, net, APPLY_DEFAULT_OPTIONS, 'es-client', 2);
    const bulker = new Bulker(sim, client, { variant: 'upstream', options: { ...SERVER_CONFIG_DEFAULTS } });
    const bg = background(sim);
    const [rctx, stop] = withCancel(bg);
    sim.spawn('bulker.run', () => bulker.run(rctx));
    for (let i = 0; i < 2; i++) sim.spawn(`auth-${i}`, () => bulker.apiKeyAuth(bg, { id: 'k', key: 's' }), { daemon: true });
    const read = go(sim, 'reader', function* () {
      const r = yield* bulker.readRaw(bg, '.fleet-agents', 'a');
      stop();
      return r;
    });
    sim.run();
    expect(read.value?.err?.message).toBe('context deadline exceeded');
    expect(net.requests.map((r) => r.path)).toEqual(['/_security/_authenticate', '/_security/_authenticate']);
    expect(sim.now).toBe(250_000 + 60_000_000);
  });
});

describe('the shared backoff is a data race (client.go WithBackoff: exp.Reset and exp.NextBackOff with no lock)', () => {
  const twoRetrying = (lockBackoff: boolean) => {
    const w = setup((n) => (n < 2 ? { status: 503, body: '{}' } : { status: 200, body: '{}' }), APPLY_DEFAULT_OPTIONS, [], undefined, lockBackoff);
    const a = perform(w.sim, w.client, w.bg);
    const b = perform(w.sim, w.client, w.bg);
    const r = w.sim.run();
    expect([a.value?.kind, b.value?.kind]).toEqual(['response', 'response']);
    return r.races.map((x) => `${x.location}: ${[x.first.site, x.second.site].sort().join(' / ')}`);
  };
  it('two requests retrying at once race on currentInterval (Reset and NextBackOff from both)', () => {
    const races = twoRetrying(false);
    expect(races.length).toBeGreaterThan(0);
    expect(races.every((r) => r.startsWith('es-client.backoff.currentInterval: '))).toBe(true);
    expect(races.some((r) => r.includes('RetryBackoff: b.Reset()'))).toBe(true);
  });
  it("hardened's backoffLocked (a mutex around RetryBackoff) leaves no race", () => expect(twoRetrying(true)).toEqual([]));
});
