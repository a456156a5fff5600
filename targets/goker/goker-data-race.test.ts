/**
 * GoKer non-blocking kernels, traditional, data race: each buggy variant is found by a
 * core property (`data-race`, or Go's fatal map error as `no-panic` where the race is on a
 * map), each fixed variant is clean (see `kernel-suite.ts`).
 */
import { kernelSuite } from './kernel-suite.ts';

kernelSuite('Traditional', 'data-race', 'Data race');
