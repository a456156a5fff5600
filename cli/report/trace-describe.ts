/**
 * One-line descriptions of trace-document events, shared by the text timeline and the
 * viewer (pure: runs in the browser too).
 */
import { formatTime } from '../../sim/time.ts';
import type { DocEvent } from './trace-doc-types.ts';

/** Names a document's tasks and channels. */
export interface Names {
  taskName(id: number): string;
  chanName(id: number): string;
}

/** Names from a document's `tasks` and `channels` (the kernel is task -1). */
export function namesOf(doc: { readonly tasks: readonly { readonly id: number; readonly name: string }[]; readonly channels: readonly { readonly name: string }[] }): Names {
  const tasks = new Map(doc.tasks.map((t) => [t.id, t.name]));
  return {
    taskName: (id) => tasks.get(id) ?? `task#${id}`,
    chanName: (id) => doc.channels[id]?.name ?? `chan#${id}`,
  };
}

/** What the event did, e.g. `select case 1: recv req-agent-3-2.Done` or `block 0.5 acquire`. */
export function describeEvent(e: DocEvent, n: Names): string {
  switch (e.op) {
    case 'recv':
    case 'send':
      return `${e.op} ${e.chan === undefined ? 'nil channel' : n.chanName(e.chan)}${e.blocked ? ' (blocks)' : ''}`;
    case 'select': {
      const ran = e.case === undefined || e.chan === undefined ? '' : `case ${e.case}: ${e.dir} ${n.chanName(e.chan)}`;
      if (e.blocked) return ran === '' ? 'select (blocks)' : `select (blocks; then ${ran})`;
      return ran === '' ? 'select default' : `select ${ran}`;
    }
    case 'sleep':
      return `sleep ${formatTime(e.sleepUs ?? 0)}`;
    case 'spawn':
      return `spawn ${e.text ?? ''}`;
    case 'panic':
      return `PANIC ${e.text ?? ''}`;
    case 'timer':
      return `timer fires: ${e.text ?? ''}`;
    case 'note':
      return e.text ?? '';
    default:
      return e.op;
  }
}
