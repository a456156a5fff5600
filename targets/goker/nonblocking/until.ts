/**
 * `wait.Until(f, stopCh)` as GoKer's scheduler kernels reduce it (`Until` →
 * `JitterUntil` → `BackoffUntil`): unless `stopCh` is already closed, run `f` once, then
 * wait for `stopCh` (the reduction dropped the period, so `f` runs once).
 */
import { onRecv, recv, select, type Chan, type Proc } from '../../../sim/index.ts';

/** Runs `f` until `stopCh` is closed, as the kernels' `Until` does. */
export function* until(f: () => Proc<void>, stopCh: Chan<never>): Proc<void> {
  for (;;) {
    if ((yield* select([onRecv(stopCh)], true)).index === 0) return;
    yield* f();
    yield* recv(stopCh);
    return;
  }
}
