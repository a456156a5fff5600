/**
 * The GoKer catalog lists the 76 kernels of issue #16 with GoBench's categories, and
 * every ported kernel loads as a well-formed target.
 */
import { describe, expect, it } from 'vitest';
import { KERNELS, loadKernel, PORTED } from './catalog.ts';

describe('GoKer catalog', () => {
  it('lists the 50 blocking kernels as ported and the 26 non-blocking ones as not yet, each once', () => {
    expect(new Set(KERNELS.map((k) => k.id)).size).toBe(76);
    expect(PORTED.map((k) => k.group)).toEqual(Array(50).fill('blocking'));
    const rest = KERNELS.filter((k) => k.load === undefined);
    expect(rest).toHaveLength(26);
    for (const k of rest) expect(k).toMatchObject({ group: 'non-blocking', notPorted: expect.stringContaining('data-race') });
  });

  it('has GoBench\'s blocking rows: 22 communication, 12 mixed, 16 resource deadlocks', () => {
    const count = (c: string) => PORTED.filter((k) => k.category === c).length;
    expect([count('Communication Deadlock'), count('Mixed Deadlock'), count('Resource Deadlock')]).toEqual([22, 12, 16]);
  });

  it('every ported kernel loads as target goker/<id> with variants buggy and fixed, configuration default, no own properties', async () => {
    for (const k of PORTED) {
      const t = await loadKernel(k);
      expect(t.variants.map((v) => v.name)).toEqual(['buggy', 'fixed']);
      expect(t.configurations.map((c) => c.name)).toEqual(['default']);
      expect(t.properties).toEqual([]);
      expect(t.config.safeParse({}).success).toBe(true);
      expect(t.config.safeParse({ extra: 1 }).success).toBe(false);
    }
  });
});
