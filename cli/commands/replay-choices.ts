/**
 * `dst replay --scenario S --variant V --choices 0,2,1`: a case given by the choice of
 * each decision in order (what `dst explore` prints when nothing is saved). The list is
 * run once under a list chooser (each decision the next number, clamped to its width; 0
 * past the end) to learn every decision's label and width, so the case then replays as an
 * exact decision list, checked label by label like a repro file.
 */
import { runWithStrategy, type CaseSpec } from '../../harness/case.ts';
import { InputError } from '../../harness/input-error.ts';
import { ListChooser } from '../../sim/index.ts';

/** The most choices one `--choices` takes. */
export const MAX_CHOICES = 100_000;

/** `--choices LIST`: comma-separated non-negative integers. */
export function parseChoices(s: string): number[] {
  if (!/^\d+(,\d+)*$/.test(s)) throw new InputError(`--choices: "${s.length > 40 ? `${s.slice(0, 40)}…` : s}" is not a comma list of non-negative integers (e.g. 0,2,1)`);
  const out = s.split(',').map(Number);
  if (out.length > MAX_CHOICES) throw new InputError(`--choices: ${out.length} choices is more than ${MAX_CHOICES}`);
  if (out.some((n) => n > 2 ** 31 - 1)) throw new InputError(`--choices: a choice is larger than ${2 ** 31 - 1}`);
  return out;
}

/** The case `spec` (its strategy ignored) with the decision list that `choices` selects. */
export function choicesCase(spec: CaseSpec, choices: readonly number[]): CaseSpec {
  const probe = runWithStrategy({ ...spec, keepTrace: false }, new ListChooser(choices));
  return { ...spec, strategy: { kind: 'decisions', decisions: probe.result.decisions.toArray() } };
}
