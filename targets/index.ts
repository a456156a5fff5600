/**
 * The targets shipped with `dst`, by name, each loaded only when asked for. The first is
 * the default target of every command.
 */
import type { AnyTarget } from '../harness/target.ts';
import { PORTED } from './goker/catalog.ts';

/** A shipped target: its name and how to load its module. */
export interface ShippedTarget {
  readonly name: string;
  load(): Promise<AnyTarget>;
}

/** Every shipped target, the default first. */
export const SHIPPED_TARGETS: readonly ShippedTarget[] = [
  { name: 'bulk-engine', load: async () => (await import('./bulk-engine/index.ts')).default },
  // The GoKer benchmark's real Go concurrency bugs (GoBench, CGO 2021), one target per kernel.
  ...PORTED.map((k) => ({ name: `goker/${k.id}`, load: async () => (await (k.load as NonNullable<typeof k.load>)()).default })),
];
