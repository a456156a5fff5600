/**
 * Lane groups for tasks, by name for now. One function, so a target can supply its own
 * grouping later without touching the renderers.
 */
import type { TaskGroup } from './trace-doc-types.ts';

/** Groups in lane order. */
export const TASK_GROUPS: readonly TaskGroup[] = ['engine', 'flushes', 'agents', 'elasticsearch', 'other', 'kernel'];

const PATTERNS: readonly (readonly [RegExp, TaskGroup])[] = [
  [/^(agent|enroll|caller|background|checkin)/, 'agents'],
  [/^flush-/, 'flushes'],
  [/^(bulker|drain|dispatch)/, 'engine'],
  [/^es[.-]/, 'elasticsearch'],
];

/** The group of a task, from its name (`kernel` for the kernel's own lane, id -1). */
export function taskGroup(id: number, name: string): TaskGroup {
  if (id < 0) return 'kernel';
  for (const [re, g] of PATTERNS) if (re.test(name)) return g;
  return 'other';
}
