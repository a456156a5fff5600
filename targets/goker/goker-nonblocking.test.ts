/**
 * GoKer non-blocking kernels (GoBench's Table V: Go-specific bugs, and the traditional
 * order violation; the data races have their own file, `goker-data-race.test.ts`): each
 * buggy variant is found by its core property (`data-race`, `no-panic`, or a leaked
 * goroutine's `no-stuck-tasks`), each fixed variant is clean (see `kernel-suite.ts`).
 */
import { kernelSuite } from './kernel-suite.ts';

kernelSuite('Traditional', 'data-race', 'Order violation');
kernelSuite('Go-Specific');
