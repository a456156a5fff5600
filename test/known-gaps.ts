/**
 * What the model knowingly does not do, in one list (rendered in the README's "Known
 * gaps" section; a test keeps the two in step). Each entry says where the gap is, what
 * is missing, and why; an upstream test case that cannot be reproduced is listed here
 * rather than kept as an empty skipped test.
 */

/** One known gap. */
export interface KnownGap {
  /** Short stable id. */
  readonly id: string;
  /** Where it shows: the upstream test or behaviour concerned. */
  readonly where: string;
  /** What the model does not do. */
  readonly what: string;
  /** Why. */
  readonly why: string;
}

/** Every known gap. */
export const KNOWN_GAPS: readonly KnownGap[] = [
  {
    id: 'invalid-utf8-index',
    where: 'TestBulkCreate (spec §7.6): an index name with invalid UTF-8 → 400 x_content_parse_exception',
    what: 'the case is not reproduced',
    why: 'request bodies are JS strings: the fake cannot receive invalid UTF-8 bytes, and it accepts lone surrogates',
  },
  {
    id: 'invalid-utf8-body',
    where: 'TestBulkCreateBody (spec §7.6): a body value with invalid UTF-8 → 400 document_parsing_exception',
    what: 'the case is not reproduced',
    why: 'request bodies are JS strings: the fake cannot receive invalid UTF-8 bytes, and it accepts lone surrogates',
  },
  {
    id: 'numeric-overflow',
    where: 'TestBulkCreateBody (spec §7.6): 99999999999999999999 in a body → 400 document_parsing_exception',
    what: 'the fake accepts the value',
    why: 'the fake maps any integer as a long without an overflow check',
  },
  {
    id: 'es-client-one-host',
    where: 'elastictransport `Perform` with several hosts (the status connection pool, dead-host marking, resurrection)',
    what: "the client has one host: `OnFailure` and the TLS-handshake retry's failover to another host are not modelled",
    why: "the fake Elasticsearch is one node behind one address; fleet-server's default output has one host",
  },
  {
    id: 'es-client-product-check',
    where: 'go-elasticsearch `BaseClient.Perform`: the product check on the first 2xx response (`X-Elastic-Product` header)',
    what: 'no header is checked',
    why: 'the simulated network carries status and body only; the fake is taken to be Elasticsearch',
  },
  {
    id: 'sync-pool-per-p',
    where: "Go's `sync.Pool` per-P caches (`sync/pool.go` `pin`): which P a goroutine runs on",
    what: "the block pool's caller is always on P 0 (`goRuntime.procs` sizes the caches, but no caller reaches the others), also under `--strategy go` with `--gomaxprocs` above 1",
    why: "the go strategy knows each task's P, but a run replayed from its decision list (replay files, shrink, the list chooser) has no scheduler to ask, so the P would first have to become a recorded decision",
  },
  {
    id: 'flush-buf-pool',
    where: '#7190 `flushBufPool` (9.5, main): the pooled request buffer of each flush, reused for its response (spec R12)',
    what: 'flush request buffers are not tracked, so their reuse and retained bytes are not in the incident study',
    why: 'the model builds each request body as a new string; only blocks are pooled resources',
  },
  {
    id: 'secret-reads',
    where: "`ReadSecrets` and its `readSecretsLimit` (32), direct calls on the bulker's connections",
    what: 'no workload reads secrets, so they never compete for the 128 connections',
    why: "not part of the queue engine; with apikeyLimit 120 and 8 flush slots, the flushes' connections are only contended when other direct calls are added",
  },
  {
    id: 'http-transport-internals',
    where: '`net/http.Transport`: idle-connection reuse, retries of requests on a reused connection that was closed before anything was written, the write of a request body racing an early response',
    what: "a connection is held for exactly one attempt's round trip",
    why: "the simulated network returns whole responses; what happens inside one connection is below the model's resolution",
  },
  {
    id: 'goker-kubernetes_11298-explore',
    where: 'GoKer kubernetes_11298 (fixed variant): exhaustive exploration',
    what: 'the fixed variant is checked by random walk and PCT over 200 seeds, not exhausted',
    why: 'its goroutines spin while they wait for a timer, so the clock moves only by time slips, and a schedule without one never ends',
  },
];
