/**
 * One agent: checkins in a loop (spec §8.3), each an HTTP request whose context is
 * cancelled when the agent disconnects or the handler returns.
 */
import { onRecv, sec, select, sleep, withCancel, type Context, type Proc } from '../sim/index.ts';
import { apiKeyUpdate, readRaw, search, update } from './calls.ts';
import { between, chance, WL } from './draw.ts';
import { prepareRemoteOutput } from './remote-output.ts';
import type { CheckinRecord, EngineWorld } from './world.ts';

/** The id of agent `i` (unknown agents are never written to .fleet-agents). */
export function agentId(i: number): string {
  return `agent-${i}`;
}

/** The body of task `agent-<i>`. */
export function* agentLoop(w: EngineWorld, i: number): Proc<void> {
  const wl = w.scenario.workload;
  yield* sleep(between(w.sim, { min: 0, max: wl.startSpreadS }, WL.start));
  let rejected = 0;
  for (let n = 0; wl.checkinsPerAgent === 0 || n < wl.checkinsPerAgent; n++) {
    if (w.stopping) return;
    const outcome = { refused: false };
    yield* checkin(w, i, n, outcome);
    // A checkin refused at once: the agent retries after a backoff.
    rejected = outcome.refused && !w.stopping ? rejected + 1 : 0;
    if (rejected > 0) yield* sleep(retryBackoff(rejected));
    yield* sleep(between(w.sim, wl.checkin.gapS, WL.gap));
  }
}

/**
 * The wait before an agent retries a checkin refused at once, after `k` refusals in a row:
 * 1 s, doubling up to 60 s. Elastic Agent's fleet gateway backs off exponentially after a
 * failed checkin (from a longer start), so this is the eager end of it; without any wait,
 * agents refused at once (a pending-dispatch limit) would spin at one virtual instant, and
 * the flush that would let them through could never fire.
 */
export function retryBackoff(k: number): number {
  return sec(Math.min(60, 2 ** (k - 1)));
}

/**
 * One checkin request, as `handleCheckin` issues engine calls. It sets `outcome.refused`
 * when the server refused it at once: it ended in the instant it began, before its long
 * poll, with its request context still live (not the agent's own disconnect).
 */
function* checkin(w: EngineWorld, i: number, n: number, outcome: { refused: boolean }): Proc<void> {
  const { sim } = w;
  const c = w.scenario.workload.checkin;
  const wl = w.scenario.workload;
  const id = agentId(i);
  const [ctx, cancel] = withCancel(w.serverCtx, `req-${id}-${n}`);
  const record: CheckinRecord = { agent: i, start: sim.now, setupEnd: null, end: null };
  w.checkins.push(record);
  if (chance(sim, c.disconnect, WL.disconnect)) {
    sim.schedule(between(sim, c.disconnectAfterS, WL.disconnectAfter), `disconnect ${id}`, cancel);
  }
  try {
    // 1. authAgent: APIKeyAuth on an API-key cache miss (direct, apikeyLimit), then ReadRaw of the agent document, on every checkin.
    if (chance(sim, c.apiKeyAuth, WL.apiKeyAuth)) {
      const key = yield* w.ledger.call('APIKeyAuth', w.bulker.apiKeyAuth(ctx, { id: `key-${id}`, key: 'secret' }));
      if (key.err !== null) return;
    }
    if (chance(sim, c.readAgent, WL.readAgent)) {
      const auth = yield* readRaw(w, ctx, '.fleet-agents', id);
      if (auth.err !== null) return;
    }
    w.seenAgents.add(id);
    // 2. resolveSeqNo: an action search on an ack-token cache miss.
    if (chance(sim, c.actionSearch, WL.actionSearch)) {
      const r = yield* search(w, ctx, '.fleet-actions', JSON.stringify({ query: { term: { agents: id } }, size: 1 }));
      if (r.err !== null && ctx.err() !== null) return;
    }
    // 3. processUpgradeDetails: Update with refresh and retry_on_conflict 3 (or bad input, spec V1).
    const quote = chance(sim, wl.quoteInId, WL.quote);
    const invalidJson = !quote && chance(sim, wl.invalidJson, WL.invalidJson);
    if (quote || invalidJson || chance(sim, c.upgradeUpdate, WL.upgrade)) {
      yield* upgradeUpdate(w, ctx, quote ? `${id}"x` : id, n, invalidJson);
      if (ctx.err() !== null) return;
    }
    // 4. processPolicyDetails: API-key update.
    if (chance(sim, c.apiKeyUpdate, WL.apiKey)) {
      yield* apiKeyUpdate(w, ctx, `key-${id}`, `hash-${n % 3}`, JSON.stringify({ role: { cluster: [], indices: [] } }));
      if (ctx.err() !== null) return;
    }
    // processPolicy with a remote Elasticsearch output: policy.Output.Prepare → CreateAndGetBulker.
    yield* prepareRemoteOutput(w, ctx, id, n);
    if (ctx.err() !== null) return;
    // 6. fetchAgentPendingActions: wait_for_checkpoints (fleetSearch queue) or a plain search.
    if (chance(sim, c.pendingActions, WL.pendingActions)) {
      const body = JSON.stringify({ query: { bool: { filter: [{ term: { agents: id } }] } } });
      if (chance(sim, c.fleetSearch, WL.fleetSearch)) {
        const cp = w.es.globalCheckpoint('.fleet-actions');
        yield* search(w, ctx, '.fleet-actions', body, { waitForCheckpoints: [cp], ignoreUnavailable: true });
      } else {
        yield* search(w, ctx, '.fleet-actions', body, { ignoreUnavailable: true });
      }
      if (ctx.err() !== null) return;
    }
    // 7. Long poll: ends when it expires or the context ends.
    record.setupEnd = sim.now;
    yield* select([onRecv(ctx.done()), onRecv(sim.after(between(sim, c.longPollS, WL.longPoll), `poll ${id}`))]);
  } finally {
    record.end = sim.now;
    outcome.refused = record.setupEnd === null && record.end === record.start && ctx.err() === null;
    cancel();
  }
}

function* upgradeUpdate(w: EngineWorld, ctx: Context, docId: string, n: number, invalidJson: boolean): Proc<void> {
  const fields = { upgrade_details: { state: `UPG_${n}` } };
  const body = invalidJson ? '{nope}' : JSON.stringify({ doc: fields });
  const write = { index: '.fleet-agents', id: docId, fields };
  yield* update(w, ctx, '.fleet-agents', docId, body, { refresh: true, retryOnConflict: 3 }, write);
}
