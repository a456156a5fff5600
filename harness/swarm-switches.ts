/**
 * What swarm mode drew for one run: each pre-run decision (label, width, choice), and the
 * configuration values those choices changed (dotted paths, before and after), so a report
 * says which switches a seed turned on or off without the target's help.
 */

/** What a target's swarm hook draws from (structurally the harness's `ConfigDraw`; this file imports nothing, so the viewer's types can use it). */
interface Draw {
  decide(width: number, name: string): number;
}

/** One switch: a pre-run decision of the target's swarm hook. */
export interface SwarmDraw {
  readonly label: string;
  readonly width: number;
  readonly choice: number;
}

/** A configuration value swarm mode changed. */
export interface SwarmChange {
  readonly path: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** The switches of one run. */
export interface SwarmSwitches {
  readonly draws: readonly SwarmDraw[];
  readonly changed: readonly SwarmChange[];
}

/** A draw that records what it answers into `into`. */
export function recordingDraw<D extends Draw>(draw: D, into: SwarmDraw[]): Draw {
  return {
    decide(width, name) {
      const choice = draw.decide(width, name);
      if (width > 1) into.push({ label: name, width, choice });
      return choice;
    },
  };
}

/** The leaves of `after` that differ from `before` (objects compared key by key; arrays and other values whole). */
export function configChanges(before: unknown, after: unknown, path = ''): SwarmChange[] {
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => configChanges(before[k], after[k], path === '' ? k : `${path}.${k}`));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, from: before ?? null, to: after ?? null }];
}
