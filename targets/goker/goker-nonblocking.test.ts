/**
 * GoKer non-blocking kernels (GoBench's Table V: traditional and Go-specific bugs): each
 * buggy variant is found by its core property (`data-race`, `no-panic`, or a leaked
 * goroutine's `no-stuck-tasks`), each fixed variant is clean (see `kernel-suite.ts`).
 */
import { kernelSuite } from './kernel-suite.ts';

kernelSuite('Traditional');
kernelSuite('Go-Specific');
