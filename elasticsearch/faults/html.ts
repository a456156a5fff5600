/**
 * The HTML error page a proxy in front of Elasticsearch returns for 502, 503 and 504.
 */
const TITLES = { 502: '502 Bad Gateway', 503: '503 Service Temporarily Unavailable', 504: '504 Gateway Time-out' } as const;

/** nginx-style HTML error page a proxy in front of ES returns for 502/503/504. */
export function htmlErrorPage(status: 502 | 503 | 504): string {
  const title = TITLES[status];
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
