/**
 * The request and response shapes the fake answers: an HTTP request split into method,
 * path, query and body, and a status, headers and body text.
 */
/** HTTP methods the fake Elasticsearch answers. */
export type EsMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';

/** One HTTP request to the fake, already split into parts. */
export interface EsRequest {
  /** HTTP method. */
  method: EsMethod;
  /** URL path, percent-encoded per segment, e.g. `/my-index/_doc/1`. */
  path: string;
  /** Decoded query-string parameters. */
  query: Record<string, string>;
  /** Raw request body as UTF-8 text; `''` when none. */
  body: string;
}

/** One HTTP response from the fake. */
export interface EsResponse {
  /** HTTP status code. */
  status: number;
  /** Response headers (lower-case names). */
  headers: Record<string, string>;
  /** Response body text; `''` for HEAD requests. */
  body: string;
}
