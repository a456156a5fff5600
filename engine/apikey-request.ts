/**
 * Reading an API-key update block back in `flushUpdateAPIKey` (`opApiKey.go`), in the two
 * ways upstream has done it: since #7190, cut the buffer at its first newline and
 * `json.Unmarshal` the rest into `apiKeyUpdateRequest`; before it, one `json.Decoder` over
 * the buffer decodes the meta line into a map and then the body into a
 * `*apiKeyUpdateRequest` (a `null` body leaves that pointer nil, and the next line
 * dereferences it). Errors are returned with Go's text and no prefix.
 */
import { GoError, GoPanic } from '../sim/index.ts';
import { GoStreamDecoder, jsonUnmarshal } from './decode/go-decode.ts';
import type { GoType } from './decode/go-json.ts';
import { SiteErrors } from './errors.ts';

/** `apiKeyUpdateRequest` as the flush uses it; a missing member is ''. */
export interface KeyReq {
  readonly id: string;
  /** `role_descriptors` as its raw JSON text ('' when absent). */
  readonly roles: string;
  readonly hash: string;
}

const REQUEST: GoType = {
  kind: 'struct',
  name: 'apiKeyUpdateRequest',
  printed: 'bulk.apiKeyUpdateRequest',
  fields: { id: { kind: 'string' }, role_descriptors: { kind: 'raw' }, role_hash: { kind: 'string' } },
};

function keyReq(v: unknown): KeyReq {
  const o = v as { id: string; role_descriptors?: string; role_hash: string };
  return { id: o.id, roles: o.role_descriptors ?? '', hash: o.role_hash };
}

/** #7190 and later: `bytes.Cut(content, "\n")`, then `json.Unmarshal(body, &req)`. */
export function parseKeyReqCut(buf: string): KeyReq | GoError {
  const nl = buf.indexOf('\n');
  if (nl < 0) return SiteErrors.apiKeyMissingSeparator();
  const d = jsonUnmarshal(buf.slice(nl + 1), REQUEST);
  return d.err ?? keyReq(d.value);
}

/** Before #7190: `dec.Decode(&metaMap)`, then `dec.Decode(&req)` with `req` a `*apiKeyUpdateRequest`. */
export function parseKeyReqDecoder(buf: string): KeyReq | GoError {
  const dec = new GoStreamDecoder(buf);
  const meta = dec.decode({ kind: 'map' });
  if (meta.err !== null) return meta.err;
  const d = dec.decode({ kind: 'pointer', elem: REQUEST });
  if (d.err !== null) return d.err;
  if (d.value === null) throw new GoPanic('runtime error: invalid memory address or nil pointer dereference');
  return keyReq(d.value);
}
