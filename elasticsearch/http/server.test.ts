/**
 * The official `@elastic/elasticsearch` client against the fake over HTTP: document APIs,
 * bulk, refresh, mget, search and msearch.
 */
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeElasticsearch } from '../fake.ts';
import { startFakeEsServer, type FakeEsServer } from './server.ts';

describe('HTTP interop with @elastic/elasticsearch', () => {
  const es = new FakeElasticsearch();
  let server: FakeEsServer;
  let client: Client;

  beforeAll(async () => {
    server = await startFakeEsServer(es);
    client = new Client({ node: server.url, maxRetries: 0 });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('index, get, update, delete', async () => {
    const created = await client.index({ index: 'docs', id: '1', document: { a: 1 }, refresh: true });
    expect(created).toMatchObject({ _index: 'docs', _id: '1', _version: 1, result: 'created', forced_refresh: true, _seq_no: 0, _primary_term: 1 });
    const got = await client.get({ index: 'docs', id: '1' });
    expect(got).toEqual({ _index: 'docs', _id: '1', _version: 1, _seq_no: 0, _primary_term: 1, found: true, _source: { a: 1 } });
    const upd = await client.update({ index: 'docs', id: '1', doc: { b: 2 } });
    expect(upd.result).toBe('updated');
    expect(es.getDocument('docs', '1')).toEqual({ source: { a: 1, b: 2 }, version: 2, seqNo: 1 });
    const del = await client.delete({ index: 'docs', id: '1' });
    expect(del.result).toBe('deleted');
    await expect(client.delete({ index: 'docs', id: '1' })).rejects.toMatchObject({ meta: { statusCode: 404, body: { result: 'not_found' } } });
  });

  it('bulk, refresh, mget, search, msearch', async () => {
    const bulk = await client.bulk({
      operations: [{ index: { _index: 'b', _id: 'x' } }, { n: 1 }, { create: { _index: 'b', _id: 'x' } }, { n: 2 }, { index: { _index: 'b', _id: 'y' } }, { n: 3 }],
    });
    expect(bulk.errors).toBe(true);
    expect(bulk.items.map((i) => Object.values(i)[0]!.status)).toEqual([201, 409, 201]);
    expect(bulk.items[1]!.create!.error!.type).toBe('version_conflict_engine_exception');
    const before = await client.search({ index: 'b', query: { match_all: {} } });
    expect(before.hits.total).toEqual({ value: 0, relation: 'eq' });
    await client.indices.refresh({ index: 'b' });
    const mget = await client.mget({ docs: [{ _index: 'b', _id: 'x' }, { _index: 'b', _id: 'nope' }] });
    expect(mget.docs).toEqual([
      { _index: 'b', _id: 'x', _version: 1, _seq_no: 0, _primary_term: 1, found: true, _source: { n: 1 } },
      { _index: 'b', _id: 'nope', found: false },
    ]);
    const search = await client.search({ index: 'b', query: { range: { n: { gte: 2 } } }, sort: [{ n: 'desc' }], seq_no_primary_term: true });
    expect(search.hits.hits.map((h) => [h._id, h._seq_no, h.sort])).toEqual([['y', 1, [3]]]);
    const ms = await client.msearch({ searches: [{ index: 'b' }, { query: { term: { n: 1 } } }, { index: 'missing' }, { query: { match_all: {} } }] });
    expect(ms.responses[0]).toMatchObject({ status: 200, hits: { total: { value: 1, relation: 'eq' } } });
    expect(ms.responses[1]).toMatchObject({ status: 404, error: { type: 'index_not_found_exception' } });
  });
});
