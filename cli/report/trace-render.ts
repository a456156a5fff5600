/**
 * `dst replay --trace text|json|html`: every format rendered from one trace document.
 */
import { traceDoc, type DocSource } from './trace-doc.ts';
import { parseTraceFilter, type TraceFilter, type TraceFilterFlags } from './trace-filter.ts';
import { textTrace } from './trace-text.ts';
import { viewerHtml } from './viewer/page.ts';

/** The trace formats. */
export const TRACE_FORMATS = ['text', 'json', 'html'] as const;

/** One of {@link TRACE_FORMATS}. */
export type TraceFormat = (typeof TRACE_FORMATS)[number];

/** The parsed trace flags of `dst replay`. */
export interface TraceRequest {
  readonly format: TraceFormat;
  readonly filter: TraceFilter | null;
}

/** Parses `--trace` and its filter flags (before any work); null when no trace was asked for. */
export function parseTraceRequest(format: TraceFormat | null, flags: TraceFilterFlags): TraceRequest | null {
  const filter = parseTraceFilter(flags, format);
  return format === null ? null : { format, filter };
}

/** Renders the run's trace in the requested format. */
export function renderTrace(req: TraceRequest, src: DocSource): string {
  const doc = traceDoc(src);
  if (req.format === 'json') return JSON.stringify(doc);
  if (req.format === 'html') return viewerHtml(doc);
  return textTrace(doc, req.filter);
}
