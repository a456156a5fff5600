/**
 * Small cluster-level APIs: `GET /` (cluster info), `_cluster/health`, and the security
 * calls fleet-server makes (API-key authentication and bulk update: acknowledged, keys not modelled).
 */
import { EsError, validationFailed } from '../errors.ts';
import { errorResponse, isObject, jsonResponse } from '../json.ts';
import type { EsResponse } from '../types.ts';
import type { HandlerContext } from './context.ts';
import { optionalJsonBody } from './search.ts';

/** Version the fake announces. */
export const FAKE_VERSION = '9.0.0';

/** `GET /`: cluster info, as the client's product check and humans expect it. */
export function handleInfo(ctx: HandlerContext): EsResponse {
  const r = jsonResponse(200, {
    name: 'fake-node-0',
    cluster_name: 'fake-elasticsearch',
    cluster_uuid: 'ZmFrZS1lbGFzdGljc2VhcmNo',
    version: {
      number: FAKE_VERSION,
      build_flavor: 'default',
      build_type: 'tar',
      build_hash: '0000000000000000000000000000000000000000',
      build_date: '1970-01-01T00:00:00.000Z',
      build_snapshot: false,
      lucene_version: '10.1.0',
      minimum_wire_compatibility_version: '8.18.0',
      minimum_index_compatibility_version: '8.0.0',
    },
    tagline: 'You Know, for Search',
  });
  return ctx.req.method === 'HEAD' ? { ...r, body: '' } : r;
}

/** `GET /_cluster/health`: a single green node (the fake never waits). */
export function handleClusterHealth(ctx: HandlerContext): EsResponse {
  const n = ctx.cluster.indices.size;
  return jsonResponse(200, {
    cluster_name: 'fake-elasticsearch', status: 'green', timed_out: false, number_of_nodes: 1, number_of_data_nodes: 1,
    active_primary_shards: n, active_shards: n, relocating_shards: 0, initializing_shards: 0, unassigned_shards: 0,
    unassigned_primary_shards: 0, delayed_unassigned_shards: 0, number_of_pending_tasks: 0, number_of_in_flight_fetch: 0,
    task_max_waiting_in_queue_millis: 0, active_shards_percent_as_number: 100.0,
  });
}

/** `POST /_security/api_key/_bulk_update`: every id is reported updated (API keys are not modelled). */
export function handleApiKeyBulkUpdate(ctx: HandlerContext): EsResponse {
  const parsed = optionalJsonBody(ctx.req.body);
  if (parsed instanceof EsError) return errorResponse(parsed);
  const body = parsed.value;
  if (!isObject(body) || !Array.isArray(body['ids']) || body['ids'].length === 0) return errorResponse(validationFailed(['Field [ids] cannot be empty']));
  ctx.cluster.writeVersion++;
  return jsonResponse(200, { updated: body['ids'].map(String), noops: [] });
}

/** `GET /_security/_authenticate` with an agent's API key: always that key's user (API keys are not modelled). */
export function handleAuthenticate(_ctx: HandlerContext): EsResponse {
  return jsonResponse(200, {
    username: 'elastic/fleet-server',
    roles: [],
    full_name: null,
    email: null,
    metadata: {},
    enabled: true,
    authentication_realm: { name: '_es_api_key', type: '_es_api_key' },
    lookup_realm: { name: '_es_api_key', type: '_es_api_key' },
    authentication_type: 'api_key',
  });
}
