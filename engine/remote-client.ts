/**
 * `createRemoteEsClient` (`engine.go` l.264–292 at dc8e230): a remote output's config must
 * name hosts and a service token, else creation fails with upstream's text; the client is
 * `es.NewClient`'s, so it has the release line's retries and its own connection limit
 * (`applyDefaultOptions` makes a new backoff per client).
 */
import { GoError, type Sim } from '../sim/index.ts';
import { EsClient } from './es-client/client.ts';
import type { RetryPolicy } from './es-client/retry-policy.ts';
import type { RemoteOutputConfig, RemoteTransportFactory } from './child-bulker.ts';
import type { Transport } from './transport.ts';

/** The remote outputs' factory: `network(outputName, hosts)` reaches the remote cluster. */
export function remoteClientFactory(sim: Sim, policy: RetryPolicy, network: (outputName: string, hosts: readonly string[]) => Transport, lockBackoff = false): RemoteTransportFactory {
  return (outputName: string, cfg: RemoteOutputConfig | undefined) => {
    const hosts = Array.isArray(cfg?.['hosts']) ? (cfg['hosts'] as unknown[]).map(String) : [];
    if (hosts.length === 0) return new GoError(`failed to get hosts from output: ${outputName}`);
    const token = cfg?.['service_token'];
    if (typeof token !== 'string' || token === '') return new GoError(`failed to get service token from output: ${outputName}`);
    return new EsClient(sim, network(outputName, hosts), policy, `es-client.${outputName}`, undefined, lockBackoff);
  };
}
