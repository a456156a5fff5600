/**
 * GoKer blocking kernels, resource deadlock (AB-BA, double locking, RWR): each buggy variant is
 * found by a core property, each fixed variant is clean (see `kernel-suite.ts`).
 */
import { kernelSuite } from './kernel-suite.ts';

kernelSuite('Resource Deadlock');
