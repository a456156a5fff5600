/**
 * An HTTP front for the fake on a real socket, so real clients (the official
 * `@elastic/elasticsearch` client) can talk to it; runs in real time, outside any simulation.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeElasticsearch } from '../fake.ts';
import type { EsMethod } from '../types.ts';

/** A running HTTP front for a fake (real time, outside any simulation). */
export interface FakeEsServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

const METHODS = new Set<EsMethod>(['GET', 'POST', 'PUT', 'DELETE', 'HEAD']);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Serves `es` over HTTP on 127.0.0.1 with an ephemeral port. Adds the headers the official client
 * checks: `x-elastic-product: Elasticsearch` and, when the request asked for it, the
 * `compatible-with` vendor content type.
 */
export async function startFakeEsServer(es: FakeElasticsearch): Promise<FakeEsServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = (req.method ?? 'GET').toUpperCase() as EsMethod;
      if (!METHODS.has(method)) {
        res.writeHead(405, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' }).end('{"error":"method not allowed","status":405}');
        return;
      }
      const query: Record<string, string> = {};
      url.searchParams.forEach((v, k) => (query[k] = v));
      const out = es.handle({ method, path: url.pathname, query, body });
      const headers = { ...out.headers };
      const compat = /compatible-with=(\d+)/.exec(String(req.headers['accept'] ?? ''));
      if (compat && headers['content-type'] === 'application/json') headers['content-type'] = `application/vnd.elasticsearch+json;compatible-with=${compat[1]}`;
      res.writeHead(out.status, headers);
      res.end(method === 'HEAD' ? undefined : out.body);
    })().catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
