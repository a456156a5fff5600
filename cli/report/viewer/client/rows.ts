/**
 * The rows of the timeline for a state: a group header, then its lanes (one per task) or
 * its resource rows, in a fixed group order; filters and focus decide which lanes are in.
 */
import { TASK_GROUPS } from '../../task-groups.ts';
import type { DocResource } from '../../trace-doc-types.ts';
import type { Focus, Model, ResourceRow } from './model.ts';
import type { GroupKey, ViewState } from './state.ts';

/** One row of the timeline. */
export type Row =
  | { readonly kind: 'group'; readonly group: GroupKey; readonly shown: number; readonly total: number; readonly collapsed: boolean }
  | { readonly kind: 'task'; readonly task: number }
  | { readonly kind: 'resource'; readonly row: ResourceRow };

/** Row heights, px. */
export const ROW_H = { group: 22, task: 30, resource: 24 } as const;

/** Group titles. */
export const GROUP_TITLES: Readonly<Record<GroupKey, string>> = {
  resources: 'blocks',
  engine: 'engine',
  flushes: 'flushes',
  agents: 'agents and callers',
  elasticsearch: 'Elasticsearch',
  other: 'other',
  kernel: 'kernel (timers)',
};

/** Matches a task name against the filter's comma-separated terms (`*` a wildcard). */
export function taskMatcher(filter: string): (name: string) => boolean {
  const terms = filter
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  if (terms.length === 0) return () => true;
  const res = terms.map((t) => new RegExp(t.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')));
  return (name) => res.some((re) => re.test(name.toLowerCase()));
}

/** Parses the resource filter (`7` or `7.3`), null when empty or malformed. */
export function resourceMatcher(filter: string): ((r: DocResource) => boolean) | null {
  const m = /^\s*(\d+)(?:\.(\d+))?\s*$/.exec(filter);
  if (m === null) return null;
  const id = Number(m[1]);
  const gen = m[2] === undefined ? null : Number(m[2]);
  return (r) => r.id === id && (gen === null || r.gen === gen);
}

/** The rows to draw, top to bottom. */
export function computeRows(model: Model, st: ViewState, focus: Focus | null): Row[] {
  const byName = taskMatcher(st.taskFilter);
  const byRes = resourceMatcher(st.resourceFilter);
  const resTasks = new Set<number>();
  if (byRes !== null) for (const r of model.doc.resources) if (byRes(r)) for (const s of r.transitions) resTasks.add(s.task);
  const useFocus = st.focusLanes && focus !== null && byRes === null;
  const taskShown = (id: number, name: string): boolean =>
    st.pinned.has(id) || ((!useFocus || focus.tasks.has(id)) && (byRes === null || resTasks.has(id)) && byName(name));
  const rows: Row[] = [];
  // With a task filter, a block's row is in when a task that passes it touched the block.
  const byTaskFilter = st.taskFilter.trim() === '' ? null : (r: DocResource) => r.transitions.some((s) => byName(model.names.taskName(s.task)));
  const resRows = model.resourceRows.filter((row) =>
    byRes !== null
      ? row.gens.some(byRes)
      : useFocus
        ? focus.resource !== null && row.id === focus.resource.id && row.pool === focus.resource.pool
        : byTaskFilter === null || row.gens.some(byTaskFilter),
  );
  if (model.resourceRows.length > 0) pushGroup(rows, st, 'resources', resRows.length, model.resourceRows.length, resRows.map((row) => ({ kind: 'resource', row })));
  for (const g of TASK_GROUPS) {
    const all = model.doc.tasks.filter((t) => t.group === g);
    if (all.length === 0) continue;
    const shown = all.filter((t) => taskShown(t.id, t.name));
    pushGroup(rows, st, g, shown.length, all.length, shown.map((t) => ({ kind: 'task', task: t.id })));
  }
  return rows;
}

function pushGroup(rows: Row[], st: ViewState, group: GroupKey, shown: number, total: number, members: Row[]): void {
  if (shown === 0) return;
  const collapsed = st.collapsed.has(group);
  rows.push({ kind: 'group', group, shown, total, collapsed });
  if (!collapsed) rows.push(...members);
}
