/**
 * `http.Transport.MaxConnsPerHost` (`config/output.go` `ToESConfig`: `max_conn_per_host`,
 * default 128): at most that many connections to the Elasticsearch host per client, in use
 * or idle. Every attempt of every request through the client (flushes, API-key calls,
 * direct calls) holds one for its round trip; a request that finds none queues (FIFO, as
 * `wantConnQueue`) until one frees or its context ends. An idle connection is reused at
 * once, so the limit bounds the requests in flight.
 */
import { Weighted, type Context, type GoError, type Proc, type Sim } from '../../sim/index.ts';

/** The default `max_conn_per_host`. */
export const MAX_CONNS_PER_HOST = 128;

/** One client's connection limit. */
export class ConnLimit {
  private readonly sem: Weighted;

  constructor(
    sim: Sim,
    /** `MaxConnsPerHost`. */
    readonly size: number,
    name: string,
  ) {
    this.sem = new Weighted(sim, size, `${name}.conns`);
  }

  /** Connections in use. */
  get inUse(): number {
    return this.sem.held;
  }

  /** Requests waiting for a connection. */
  get waiting(): number {
    return this.sem.waiting;
  }

  /** Waits for a connection (the request's context bounds the wait); null or the context's error. */
  acquire(ctx: Context): Proc<GoError | null> {
    return this.sem.acquire(ctx, 1);
  }

  /** Gives the connection back. */
  release(): void {
    this.sem.release(1);
  }
}
