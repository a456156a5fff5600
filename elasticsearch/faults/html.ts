/**
 * The HTML error page a proxy in front of Elasticsearch returns for 502 and 503.
 */
/** nginx-style HTML error page a proxy in front of ES returns for 502/503. */
export function htmlErrorPage(status: 502 | 503): string {
  const title = status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
