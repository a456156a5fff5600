/**
 * Parsing of a `_bulk` NDJSON body as Elasticsearch's `BulkRequestParser` does it: action
 * lines, their metadata, source lines, and the 400 errors ES gives for a malformed request.
 */
import { illegalArgument, validationFailed, xContentParse, EsError } from '../errors.ts';
import { isObject, tryParseJson } from '../json.ts';
import { parseUpdateBody, type UpdateSpec } from '../store/update-body.ts';

/** Bulk operation names, as they appear in action lines and response items. */
export type BulkOp = 'index' | 'create' | 'update' | 'delete';

/** One parsed bulk action. */
export interface BulkAction {
  /** Operation (an `index` with `op_type: create` becomes `create`). */
  op: BulkOp;
  /** Metadata from the action line. */
  meta: Record<string, unknown>;
  /** Raw source line for index/create. */
  source?: string;
  /** Parsed update body for update. */
  update?: UpdateSpec;
}

const PARAMS = new Set([
  '_index', '_id', 'routing', 'op_type', 'version', 'version_type', 'if_seq_no', 'if_primary_term', 'retry_on_conflict',
  'pipeline', '_source', 'require_alias', 'require_data_stream', 'dynamic_templates', 'list_executed_pipelines',
]);

/** Jackson token name of a JSON value, as ES quotes it in parse errors. */
function token(v: unknown): string {
  if (Array.isArray(v)) return 'START_ARRAY';
  if (isObject(v)) return 'START_OBJECT';
  if (typeof v === 'string') return 'VALUE_STRING';
  if (typeof v === 'number') return 'VALUE_NUMBER';
  if (typeof v === 'boolean') return v ? 'VALUE_TRUE' : 'VALUE_FALSE';
  return 'VALUE_NULL';
}

/** Checks one action line the way ES's `BulkRequestParser` does; returns the op and its metadata. */
function parseActionLine(text: string, line: number): { op: BulkOp; meta: Record<string, unknown> } | EsError {
  const bad = (m: string) => illegalArgument(`Malformed action/metadata line [${line}], ${m}`);
  const parsed = tryParseJson(text);
  if (!parsed.ok) return xContentParse(`[${line}:1] Unexpected character in action/metadata line [${line}]`);
  const v = parsed.value;
  if (!isObject(v)) return bad(`expected START_OBJECT but found [${token(v)}]`);
  const keys = Object.keys(v);
  if (keys.length === 0) return bad('expected FIELD_NAME but found [END_OBJECT]');
  const action = keys[0]!;
  if (!['index', 'create', 'update', 'delete'].includes(action)) {
    return bad(`expected field [create], [delete], [index] or [update] but found [${action}]`);
  }
  const meta = v[action];
  if (!isObject(meta)) return bad(`expected START_OBJECT but found [${token(meta)}]`);
  for (const [k, val] of Object.entries(meta)) {
    if (!PARAMS.has(k)) return illegalArgument(`Action/metadata line [${line}] contains an unknown parameter [${k}]`);
    if ((Array.isArray(val) || isObject(val)) && k !== 'dynamic_templates' && k !== '_source') {
      return bad(`expected a simple value for field [${k}] but found [${token(val)}]`);
    }
  }
  if (keys.length > 1) return bad('expected END_OBJECT but found [FIELD_NAME]');
  const op = action === 'index' && meta['op_type'] === 'create' ? 'create' : (action as BulkOp);
  return { op, meta };
}

/** Parses an NDJSON bulk body; request-level problems give the 400 errors ES gives. */
export function parseBulk(body: string, defaultIndex: string | undefined): BulkAction[] | EsError {
  const lines = body.split('\n');
  const tail = lines.pop() ?? '';
  const actions: BulkAction[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (text.trim() === '') continue;
    const head = parseActionLine(text, i + 1);
    if (head instanceof EsError) return head;
    const action: BulkAction = { op: head.op, meta: head.meta };
    if (head.op !== 'delete') {
      if (i + 1 >= lines.length) break;
      const src = lines[++i]!;
      if (head.op === 'update') {
        const parsed = tryParseJson(src);
        if (!parsed.ok) return xContentParse(`[${i + 1}:1] Unexpected character in update source line`);
        const retries = Number(head.meta['retry_on_conflict'] ?? 0);
        const spec = parseUpdateBody(parsed.value, head.meta['if_seq_no'] !== undefined, retries);
        if (spec instanceof EsError) return spec;
        action.update = spec;
      } else {
        action.source = src;
      }
    }
    actions.push(action);
  }
  if (tail.trim() !== '') return illegalArgument('The bulk request must be terminated by a newline [\\n]');
  if (actions.length === 0) return validationFailed(['no requests added']);
  const msgs: string[] = [];
  for (const a of actions) {
    if (a.meta['_index'] === undefined && defaultIndex === undefined) msgs.push('index is missing');
    if (a.op !== 'index' && a.op !== 'create' && a.meta['_id'] === undefined) msgs.push('id is missing');
  }
  return msgs.length ? validationFailed(msgs) : actions;
}
