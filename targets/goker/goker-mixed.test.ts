/**
 * GoKer blocking kernels, mixed deadlock (channel & lock; channel & WaitGroup; misuse of WaitGroup): each buggy variant is
 * found by a core property, each fixed variant is clean (see `kernel-suite.ts`).
 */
import { kernelSuite } from './kernel-suite.ts';

kernelSuite('Mixed Deadlock');
