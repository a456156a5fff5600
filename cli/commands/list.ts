/**
 * `dst list`: the targets with their variants, configurations (scenarios) and
 * properties, and the strategies; one line each, or one JSON object.
 */
import { propertiesOf } from '../../harness/properties.ts';
import { loadShippedTargets, loadTarget, type LoadedTarget } from '../../harness/targets.ts';
import { SEVERITY_COST } from '../../properties/severity.ts';
import { println, type Io } from '../io.ts';

/** Strategies with one line each. */
export const STRATEGIES: Readonly<Record<string, string>> = {
  random: 'seeded random walk: every decision uniform from its seeded stream (scheduling, workload, faults)',
  pct: 'PCT (Burckhardt et al. 2010) with bug depth 3: random task priorities plus 2 priority change points',
  go: "like Go's runtime: a woken goroutine waits in its waker's runnext slot while the waker runs on (10 ms slices), GOMAXPROCS processors (--gomaxprocs, default 2) with local run queues and work stealing",
  exhaustive: 'depth-first search over every decision with a preemption bound (dst explore)',
};

/** One target as `dst list --json` shows it. */
function targetJson(lt: LoadedTarget): Record<string, unknown> {
  const t = lt.target;
  return {
    name: t.name,
    description: t.description,
    variants: t.variants.map((v, i) => ({ name: v.name, description: v.description, default: i === 0, ...(v.source !== undefined && { source: v.source }), ...(v.aliases !== undefined && { aliases: v.aliases }) })),
    configurations: t.configurations.map((c) => ({ name: c.name, description: c.description, default: (t.defaultConfigurations ?? t.configurations.map((x) => x.name)).includes(c.name) })),
    properties: propertiesOf(t).map((p) => ({ name: p.name, description: p.description, severity: p.severity, core: p.core })),
    swarm: t.swarm !== undefined,
  };
}

/** Runs `dst list [--target T] [--json]`. */
export async function listCommand(flags: { json?: boolean; target?: string }, io: Io): Promise<number> {
  const targets = flags.target !== undefined ? [await loadTarget(flags.target)] : await loadShippedTargets();
  const strategies = Object.entries(STRATEGIES).map(([name, description]) => ({ name, description }));
  const severities = Object.entries(SEVERITY_COST).map(([name, cost]) => ({ name, cost }));
  if (flags.json) {
    println(io.stdout, JSON.stringify({ targets: targets.map(targetJson), strategies, severities }));
    return 0;
  }
  const table = (title: string, rows: readonly { name: string; description: string }[], indent = '  ') => {
    println(io.stdout, `${indent}${title}:`);
    const w = Math.max(0, ...rows.map((r) => r.name.length)) + 2;
    for (const r of rows) println(io.stdout, `${indent}  ${r.name.padEnd(w)}${r.description}`);
  };
  // Without --target: the default target in full, the others one line each (`dst list --target T` for one in full).
  const full = flags.target !== undefined ? targets : targets.slice(0, 1);
  for (const [i, lt] of full.entries()) {
    const t = lt.target;
    println(io.stdout, `target ${t.name}${i === 0 && flags.target === undefined ? ' (default)' : ''}: ${t.description}`);
    table('variants', t.variants.map((v, j) => ({ name: v.name, description: `${v.description}${j === 0 ? ' (default)' : ''}${v.source ? ` [${v.source}]` : ''}${v.aliases?.length ? ` (also: ${v.aliases.join(', ')})` : ''}` })));
    table('scenarios', t.configurations.map((c) => ({ name: c.name, description: c.description })));
    table('properties', propertiesOf(t).map((p) => ({ name: p.name, description: `${p.severity === null ? '' : `[${p.severity}] `}${p.description}` })));
    println(io.stdout);
  }
  if (full.length < targets.length) {
    table('other targets (dst list --target NAME shows one in full)', targets.slice(full.length).map((lt) => ({ name: lt.target.name, description: `${lt.target.description} [${lt.target.variants.map((v) => v.name).join(', ')}]` })), '');
    println(io.stdout);
  }
  table('strategies', strategies, '');
  println(io.stdout);
  table('severities (report order)', severities.map((s) => ({ name: s.name, description: s.cost })), '');
  return 0;
}
