/**
 * Signatures name the bug, not the seed: ids are normalised away, and a violation without
 * its own signature gets a generic one.
 */
import { describe, expect, it } from 'vitest';
import { raceGroupOf, raceSignature } from './core.ts';
import { normaliseIds, signatureOf, withSignature } from './signature.ts';

describe('normaliseIds', () => {
  it('replaces every run of digits with one star', () => {
    expect(normaliseIds('worker-12 send on result-12')).toBe('worker-* send on result-*');
    expect(normaliseIds('blk0.ch')).toBe('blk*.ch');
    expect(normaliseIds('sleep 1.250s')).toBe('sleep *.*s');
    expect(normaliseIds('no digits')).toBe('no digits');
    expect(normaliseIds('')).toBe('');
  });
});

describe('signatureOf', () => {
  const evidence = { step: 1, time: 0 };
  it('keeps the signature a property set', () => {
    expect(signatureOf({ property: 'p', message: 'block 3 leaked', signature: 'p: Read: leaked', evidence })).toBe('p: Read: leaked');
  });
  it('falls back to the property and the message with ids normalised', () => {
    const a = withSignature({ property: 'data-race', message: 'task-3 wrote x.7', evidence });
    const b = withSignature({ property: 'data-race', message: 'task-41 wrote x.2', evidence });
    expect(a.signature).toBe('data-race: task-* wrote x.*');
    expect(b.signature).toBe(a.signature);
  });
});

describe('race signatures', () => {
  it('name the location group and both sites, and give the group back', () => {
    const side = (task: string, kind: 'read' | 'write', site: string) => ({ task, kind, site, step: 3, time: 0, lastSync: 'none' });
    const race = { location: 'block 7.3 .next', group: 'block .next', first: side('flush-4', 'read', 'loop: n.next'), second: side('agent-2', 'write', 'free: reset'), count: 1 };
    const sig = raceSignature(race);
    expect(sig).toBe('data-race: block .next: read at loop: n.next / write at free: reset');
    expect(raceGroupOf(sig)).toBe('block .next');
    expect(raceGroupOf('use-after-free: flush-*-read touched next')).toBeNull();
  });
});
