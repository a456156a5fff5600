/**
 * GoKer blocking kernels, communication deadlock (channel; channel & condition variable; channel & context; condition variable): each buggy variant is
 * found by a core property, each fixed variant is clean (see `kernel-suite.ts`).
 */
import { kernelSuite } from './kernel-suite.ts';

kernelSuite('Communication Deadlock');
