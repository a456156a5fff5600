/**
 * `esapi.Response.String()` (go-elasticsearch v8 `esapi/esapi.response.go`) as upstream's
 * `flushEnrollSearch` meets it: the refresh response's body has already been closed, so
 * reading it fails with net/http's `http: read on closed response body` whenever the
 * response had a body (an empty one is `http.NoBody`, which reads as empty).
 */

/** `http.StatusText` for the statuses Elasticsearch and proxies send. */
const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  425: 'Too Early',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** `http.StatusText(code)`: '' for a code it does not know. */
export function statusText(code: number): string {
  return STATUS_TEXT[code] ?? '';
}

/** `res.String()` after `res.Body.Close()`. */
export function closedResponseString(status: number, body: string): string {
  if (body !== '') return '<error reading response body: http: read on closed response body>';
  return `[${status} ${statusText(status)}]${status > 0 ? ' ' : ''}`;
}

/** `res.String()` of a response whose body is still open: `[status text] ` then the body. */
export function openResponseString(status: number, body: string): string {
  return `[${status} ${statusText(status)}]${status > 0 ? ' ' : ''}${body}`;
}
