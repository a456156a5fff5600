/**
 * The GoKer catalog lists the 76 kernels of issue #16 with GoBench's categories, and
 * every ported kernel loads as a well-formed target.
 */
import { describe, expect, it } from 'vitest';
import { KERNELS, loadKernel, PORTED } from './catalog.ts';

describe('GoKer catalog', () => {
  it('lists the 76 kernels once, all ported (50 blocking, 26 non-blocking), every non-blocking one with its expected property', () => {
    expect(new Set(KERNELS.map((k) => k.id)).size).toBe(76);
    expect(KERNELS.filter((k) => k.group === 'blocking')).toHaveLength(50);
    expect(PORTED.filter((k) => k.group === 'blocking')).toHaveLength(50);
    expect(KERNELS.filter((k) => k.group === 'non-blocking')).toHaveLength(26);
    expect(PORTED.filter((k) => k.group === 'non-blocking')).toHaveLength(26);
    for (const k of KERNELS.filter((x) => x.load === undefined)) expect(k).toMatchObject({ group: 'non-blocking', notPorted: expect.any(String) });
    for (const k of PORTED.filter((x) => x.group === 'non-blocking')) expect(k.property).toMatch(/^(data-race|no-panic|no-stuck-tasks)$/);
  });

  it("ports the non-blocking kernels from GoBench's nonblocking directory", async () => {
    for (const k of PORTED.filter((x) => x.group === 'non-blocking')) expect((await loadKernel(k)).variants[0]?.source).toBe(`GoBench goker/nonblocking ${k.id}`);
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
