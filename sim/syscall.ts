/**
 * The `syscall.Errno` values a simulated network returns inside its errors (wrapped, as
 * `*net.OpError` wraps them), so code can ask `errorsIs(err, ECONNRESET)` as Go does.
 */
import { GoError } from './errors.ts';

/** `syscall.ECONNRESET`. */
export const ECONNRESET = new GoError('connection reset by peer');
/** `syscall.ECONNREFUSED`. */
export const ECONNREFUSED = new GoError('connection refused');
