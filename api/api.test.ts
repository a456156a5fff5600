/**
 * The public surface is exactly what is meant to be public: a change to it is a visible
 * decision in this test, never an accident.
 */
import { describe, expect, it } from 'vitest';
import * as dst from 'dst';
import * as vitestEntry from 'dst/vitest';

describe('public API', () => {
  it('the main entry exports the target contract and the kernel primitives, nothing else', () => {
    expect(Object.keys(dst).sort()).toEqual(
      [
        'AtomicInt', 'Canceled', 'Context', 'DeadlineExceeded', 'GoError', 'GoMap', 'GoPanic', 'Mutex', 'SEVERITIES', 'SEVERITY_COST', 'Shared', 'TrackedPool', 'WaitGroup', 'Weighted',
        'background', 'closeChan', 'defineTarget', 'formatTime', 'gosched', 'label', 'minutes', 'ms', 'onRecv', 'onSend', 'recv', 'recvOk', 'sec', 'select', 'send', 'sleep', 'us',
        'withCancel', 'withDeadline', 'withTimeout', 'z',
      ].sort(),
    );
  });
  it('the vitest entry exports the two helpers', () => {
    expect(Object.keys(vitestEntry).sort()).toEqual(['regressionSuite', 'simulationTest']);
  });
  it('defineTarget rejects a malformed target when the module loads', () => {
    expect(() => dst.defineTarget({ name: 'Bad Name' } as never)).toThrow(/defineTarget: name must match/);
  });
});
