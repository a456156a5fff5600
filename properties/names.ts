/**
 * The property names (a contract: the CLI, repro files and CI rely on them).
 */

/** Every property the tool checks. */
export const PROPERTY_NAMES = [
  'block-lifecycle',
  'use-after-free',
  'double-free',
  'no-panic',
  'one-outcome-per-call',
  'no-stuck-tasks',
  'durable-acks',
  'determinism',
] as const;

/** A property name. */
export type PropertyName = (typeof PROPERTY_NAMES)[number];

/** One line per property, shown by `dst list`. */
export const PROPERTY_DESCRIPTIONS: Readonly<Record<PropertyName, string>> = {
  'block-lifecycle': 'a block acquired from the pool ends the run neither freed exactly once nor abandoned by a drain that reached its timeout',
  'use-after-free': 'engine code touches a block (any field, next included) after it was freed or handed back',
  'double-free': 'a block is freed twice, or a block the pool never gave out is freed',
  'no-panic': 'any task panics (send on a closed channel, a blocked response channel, ...)',
  'one-outcome-per-call': 'an API call returns twice, or never returns while its task is not reported stuck',
  'no-stuck-tasks': "after the scenario's drain period a non-daemon task is still blocked (a goroutine leak), or every task is asleep (deadlock)",
  'durable-acks': 'a write the engine acknowledged as successful is missing or different in the fake Elasticsearch at the end',
  'determinism': '(with --check-determinism) the same case run twice gives two trace hashes',
};

/** Type guard for property names. */
export function isPropertyName(s: string): s is PropertyName {
  return (PROPERTY_NAMES as readonly string[]).includes(s);
}
