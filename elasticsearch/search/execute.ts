/**
 * Running a search: matching refreshed documents, sorting, paging, and rendering the
 * response (`_shards`, `hits.total` by tracking mode, hits).
 */
import type { Hit } from '../query/fields.ts';
import type { IndexStore } from '../store/index-store.ts';
import type { SearchSpec } from './request.ts';
import { compareKeys, renderKeys, sortKeys, type SortKey } from './sort.ts';

/** `_shards` header of a search over `n` single-shard indices. */
export function searchShards(n: number): Record<string, number> {
  return { total: n, successful: n, skipped: 0, failed: 0 };
}

/** Matching refreshed hits in index order then Lucene order. */
export function matchingHits(indices: readonly IndexStore[], spec: Pick<SearchSpec, 'query'>): { hit: Hit; index: IndexStore }[] {
  const out: { hit: Hit; index: IndexStore }[] = [];
  for (const index of indices) {
    for (const doc of index.visible.values()) {
      const hit = { index: index.name, doc };
      if (spec.query(hit)) out.push({ hit, index });
    }
  }
  return out;
}

/** `hits.total` as ES renders it for the tracking mode. */
function renderTotal(count: number, spec: SearchSpec): unknown {
  if (spec.trackTotalHits === false) return spec.restTotalHitsAsInt ? -1 : undefined;
  if (spec.restTotalHitsAsInt) return count;
  if (spec.trackTotalHits === true || count <= spec.trackTotalHits) return { value: count, relation: 'eq' };
  return { value: spec.trackTotalHits, relation: 'gte' };
}

/** Runs a search over refreshed documents and renders the ES response body. */
export function executeSearch(indices: readonly IndexStore[], spec: SearchSpec): Record<string, unknown> {
  const matched = matchingHits(indices, spec);
  let ranked = matched.map((m) => ({ ...m, keys: sortKeys(m.hit, m.index, spec.sort) as SortKey[] }));
  if (spec.sort.length > 0) ranked.sort((a, b) => compareKeys(a.keys, b.keys, spec.sort));
  if (spec.searchAfter && spec.sort.length > 0) {
    const after = spec.searchAfter;
    ranked = ranked.filter((r) => compareKeys(r.keys, after, spec.sort) > 0);
  }
  const sorted = spec.sort.length > 0 && !(spec.sort.length === 1 && spec.sort[0]!.field === '_score');
  const page = ranked.slice(spec.from, spec.from + spec.size);
  const hits = page.map(({ hit, keys }) => {
    const h: Record<string, unknown> = { _index: hit.index, _id: hit.doc.id };
    if (spec.version) h['_version'] = hit.doc.version;
    if (spec.seqNoPrimaryTerm) {
      h['_seq_no'] = hit.doc.seqNo;
      h['_primary_term'] = hit.doc.primaryTerm;
    }
    h['_score'] = sorted ? null : 1;
    if (spec.source) h['_source'] = hit.doc.source;
    if (spec.sort.length > 0) h['sort'] = renderKeys(keys);
    return h;
  });
  const total = renderTotal(matched.length, spec);
  const hitsObj: Record<string, unknown> = {};
  if (total !== undefined) hitsObj['total'] = total;
  hitsObj['max_score'] = sorted || hits.length === 0 ? null : 1;
  hitsObj['hits'] = hits;
  return { took: 1, timed_out: false, _shards: searchShards(indices.length), hits: hitsObj };
}
