/**
 * Elasticsearch errors as the fake raises them (`EsError`: status and error object) and the
 * constructors for the ones it needs, worded as ES words them; plus the error envelope
 * rendering of non-2xx responses.
 */
/** An Elasticsearch error object (`error` in responses), with ES's key order. */
export interface EsErrorObject {
  /** Exception type, e.g. `version_conflict_engine_exception`. */
  type: string;
  /** Human-readable reason. */
  reason: string;
  /** Extra metadata keys (`index_uuid`, `shard`, `index`, `resource.type`, `caused_by`, ...). */
  [key: string]: unknown;
}

/** A failure carrying an HTTP status and an ES error object; thrown or returned by handlers. */
export class EsError extends Error {
  /** @param status HTTP status. @param error the ES error object (without `root_cause`). */
  constructor(
    readonly status: number,
    readonly error: EsErrorObject,
  ) {
    super(error.reason);
  }
}

/** The root cause entry ES lists for an error: the error itself without `caused_by`. */
function rootCause(err: EsErrorObject): EsErrorObject {
  const { caused_by: _ignored, ...rest } = err;
  return rest as EsErrorObject;
}

/**
 * The `root_cause` list ES renders: the error itself, except for errors that carry `failed_shards`
 * (`search_phase_execution_exception`), whose root causes are their shard failures' reasons, so
 * an "all shards failed" error with no shard failures has `root_cause: []`.
 */
function rootCauses(err: EsErrorObject): unknown[] {
  const shards = err['failed_shards'];
  if (Array.isArray(shards)) return shards.map((f) => (f as { reason?: unknown }).reason);
  return [rootCause(err)];
}

/** Builds the `{error:{root_cause:[...],type,reason,...},status}` envelope ES sends for request-level errors. */
export function errorEnvelope(status: number, err: EsErrorObject): { error: Record<string, unknown>; status: number } {
  return { error: { root_cause: rootCauses(err), ...err }, status };
}

/**
 * `index_not_found_exception` for a missing index. ES 8.x/9.x name resolution reports one missing
 * concrete name as `resource.type: index_or_alias` for every API (get, delete, mget items, search).
 */
export function indexNotFound(name: string, resourceType = 'index_or_alias'): EsError {
  return new EsError(404, {
    type: 'index_not_found_exception',
    reason: `no such index [${name}]`,
    'resource.type': resourceType,
    'resource.id': name,
    index_uuid: '_na_',
    index: name,
  });
}

/** `version_conflict_engine_exception` (409) for one document. */
export function versionConflict(index: string, uuid: string, id: string, detail: string): EsError {
  return new EsError(409, {
    type: 'version_conflict_engine_exception',
    reason: `[${id}]: version conflict, ${detail}`,
    index_uuid: uuid,
    shard: '0',
    index,
  });
}

/** `document_missing_exception` (404) for an update of a missing document. */
export function documentMissing(index: string, uuid: string, id: string): EsError {
  return new EsError(404, {
    type: 'document_missing_exception',
    reason: `[${id}]: document missing`,
    index_uuid: uuid,
    shard: '0',
    index,
  });
}

/** `illegal_argument_exception` (400). */
export function illegalArgument(reason: string, status = 400): EsError {
  return new EsError(status, { type: 'illegal_argument_exception', reason });
}

/** `action_request_validation_exception` (400) listing numbered validation messages as ES formats them. */
export function validationFailed(messages: readonly string[]): EsError {
  const reason = 'Validation Failed: ' + messages.map((m, i) => `${i + 1}: ${m};`).join('');
  return new EsError(400, { type: 'action_request_validation_exception', reason });
}

/** `parsing_exception` (400) as the search/query parsers raise it. */
export function parsingError(reason: string): EsError {
  return new EsError(400, { type: 'parsing_exception', reason, line: 1, col: 1 });
}

/** `x_content_parse_exception` (400) for request bodies that do not parse or have unknown fields. */
export function xContentParse(reason: string): EsError {
  return new EsError(400, { type: 'x_content_parse_exception', reason });
}

/** `document_parsing_exception` (400) for a document source that is not a JSON object. */
export function documentParsing(reason: string): EsError {
  return new EsError(400, { type: 'document_parsing_exception', reason });
}

/** `parse_exception` (400) for a missing request body. */
export function bodyRequired(): EsError {
  return new EsError(400, { type: 'parse_exception', reason: 'request body is required' });
}
