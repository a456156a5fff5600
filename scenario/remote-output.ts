/**
 * The remote Elasticsearch output of the agents' policy: its config at the current virtual
 * time (the service token rotates at each `changesAtS`, and is gone from `brokenFromS`),
 * the second fake cluster that serves it, and the checkin step that prepares it
 * (`policy.Output.Prepare` → `CreateAndGetBulker`, then maybe an API-key update through
 * the child bulker's queue).
 */
import { remoteClientFactory, VARIANTS, type RemoteOutputConfig, type RemoteTransportFactory, type VariantName } from '../engine/index.ts';
import { FakeElasticsearch } from '../elasticsearch/index.ts';
import { SimEsTransport } from '../elasticsearch/transport.ts';
import { sec, type Context, type Proc, type Sim } from '../sim/index.ts';
import { chance, WL } from './draw.ts';
import { esProfile } from './es-profile.ts';
import type { Scenario } from './schema.ts';
import type { EngineWorld } from './world.ts';

/** The output's name in the policy. */
export const REMOTE_OUTPUT = 'remote-es';

/** The output's config as a checkin at the current time sees it. */
export function remoteOutputConfig(sim: Sim, s: Scenario): RemoteOutputConfig {
  const r = s.workload.remoteOutput;
  const rotations = r.changesAtS.filter((t) => sim.now >= sec(t)).length;
  const broken = r.brokenFromS !== null && sim.now >= sec(r.brokenFromS);
  return { type: 'remote_elasticsearch', hosts: ['https://remote-es:443'], service_token: broken ? '' : `token-${rotations}` };
}

/** The child bulkers' ES clients: the variant's retry policy over the network to a second fake cluster. */
export function remoteTransports(sim: Sim, s: Scenario, variant: VariantName): { factory: RemoteTransportFactory; es: FakeElasticsearch } {
  const es = new FakeElasticsearch();
  const network = new SimEsTransport(sim, es, esProfile(sim, s.elasticsearch));
  return { es, factory: remoteClientFactory(sim, VARIANTS[variant].esClient, () => network, VARIANTS[variant].backoffLocked) };
}

/** The checkin step: prepare the remote output, then maybe update the agent's API key for it. */
export function* prepareRemoteOutput(w: EngineWorld, ctx: Context, agent: string, n: number): Proc<void> {
  const r = w.scenario.workload.remoteOutput;
  if (!chance(w.sim, r.prepare, WL.remotePrepare)) return;
  const outputs = { [REMOTE_OUTPUT]: remoteOutputConfig(w.sim, w.scenario) };
  const got = yield* w.ledger.call('CreateAndGetBulker', w.bulker.createAndGetBulker(REMOTE_OUTPUT, outputs));
  if (got.err !== null || !chance(w.sim, r.apiKeyUpdate, WL.remoteApiKey)) return;
  const roles = JSON.stringify({ remote: { cluster: [], indices: [] } });
  yield* w.ledger.call('APIKeyUpdate', got.value.bulker.apiKeyUpdate(ctx, `remote-key-${agent}`, `hash-${n % 2}`, roles));
}
