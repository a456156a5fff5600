/**
 * What the user has chosen: the violation in focus, filters, the time window, the
 * selection, collapsed groups. Everything the views draw follows from it and the model.
 */
import type { DocOp, TaskGroup } from '../../trace-doc-types.ts';

/** Every operation kind, in the order the filter chips show them. */
export const ALL_OPS: readonly DocOp[] = ['recv', 'send', 'select', 'sleep', 'yield', 'spawn', 'exit', 'panic', 'timer', 'note'];

/** A lane group, or the resources' own group. */
export type GroupKey = TaskGroup | 'resources';

/** The view state. */
export interface ViewState {
  /** The violation the page centres on (-1 when the case passed). */
  violation: number;
  /** Show only the lanes of the failure (its resource's tasks and its causal slice). */
  focusLanes: boolean;
  /** Dim everything outside the causal slice. */
  sliceOn: boolean;
  /** Task name filter: comma-separated terms, `*` a wildcard; empty shows all. */
  taskFilter: string;
  /** Resource filter: `ID` or `ID.GEN`; empty shows all. */
  resourceFilter: string;
  ops: Set<DocOp>;
  collapsed: Set<GroupKey>;
  /** Tasks shown whatever the filters say (reached through search, edges or the story). */
  pinned: Set<number>;
  /** The time window, µs. */
  t0: number;
  t1: number;
  selected: number | null;
  search: string;
  hits: number[];
  hit: number;
}

/** The state a page opens with. */
export function initialState(violation: number, t0: number, t1: number): ViewState {
  return {
    violation,
    focusLanes: violation >= 0,
    sliceOn: violation >= 0,
    taskFilter: '',
    resourceFilter: '',
    ops: new Set(ALL_OPS),
    collapsed: new Set(),
    pinned: new Set(),
    t0,
    t1,
    selected: null,
    search: '',
    hits: [],
    hit: -1,
  };
}
