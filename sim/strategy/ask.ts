/**
 * Asking a strategy for one decision and checking its answer: shared by the kernel and
 * the pre-run phase, so both record decisions the same way.
 */
import type { Label } from '../label.ts';
import type { Strategy } from './strategy.ts';

/** The strategy's answer to a decision of width ≥ 2 (weighted when `weights` is given and the strategy draws by weight). */
export function askStrategy(s: Strategy, width: number, l: Label, weights: readonly number[] | null): number {
  return weights !== null && s.chooseWeighted !== undefined ? s.chooseWeighted(weights, l) : s.choose(width, l);
}

/** Why an answer is not a valid choice in [0, width), or null when it is. */
export function choiceProblem(s: Strategy, c: number, width: number, l: Label): string | null {
  return Number.isInteger(c) && c >= 0 && c < width ? null : `strategy ${s.name} answered ${c} to ${l.name} of width ${width}`;
}
