/**
 * GoKer cockroach#7504 — resource deadlock, AB-BA.
 *
 * `AcquireByName` locks the table-name cache (B) and then the cached lease (A), while
 * `Release` locks the table state, then the lease (A), and, removing the lease, the
 * table-name cache (B). Two goroutines doing one each can hold one lock apiece.
 *
 * Fix (cockroach#7504, "sql: avoid deadlock in lease acquisition"), written from the
 * GoKer description: `Release` drops the lease from the name cache before it locks the
 * lease, so both paths take the name cache's lock before any lease's.
 */
import { defineTarget } from '../../../harness/target.ts';
import { Mutex, WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

interface LeaseState {
  readonly mu: Mutex;
  readonly id: number;
}

export default defineTarget({
  ...kernelTarget({
    id: 'cockroach_7504',
    description: 'AcquireByName locks name cache then lease; Release locks lease then name cache',
    fix: 'Release removes the lease from the name cache before locking the lease',
    source: 'https://github.com/cockroachdb/cockroach/pull/7504',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    // NewLeaseSet(2): leases made with new(LeaseState), so both have id 0.
    const active: LeaseState[] = [0, 1].map((i) => ({ mu: new Mutex(sim, `lease${i}.mu`), id: 0 }));
    const nameCache = { mu: new Mutex(sim, 'tableNameCache.mu'), tables: new Map<number, LeaseState>() };
    for (let i = 0; i < 2; i++) nameCache.tables.set(i, active[i] as LeaseState);
    const tableMu = new Mutex(sim, 'tableState.mu');
    const find = (id: number): LeaseState => active[id] as LeaseState;

    function* nameCacheGet(id: number): Proc<void> {
      yield* nameCache.mu.lock(); // B
      const lease = nameCache.tables.get(id);
      if (lease !== undefined) {
        yield* lease.mu.lock(); // A
        yield* lease.mu.unlock();
      }
      yield* nameCache.mu.unlock();
    }
    function* nameCacheRemove(lease: LeaseState): Proc<void> {
      yield* nameCache.mu.lock(); // B
      if (nameCache.tables.get(lease.id) === lease) nameCache.tables.delete(lease.id);
      yield* nameCache.mu.unlock();
    }
    function* release(lease: LeaseState): Proc<void> {
      yield* tableMu.lock();
      const s = find(lease.id);
      if (fixed) yield* nameCacheRemove(s);
      yield* s.mu.lock(); // A
      active.splice(active.indexOf(s), 1); // removeLease: t.active.remove
      if (!fixed) yield* nameCacheRemove(s);
      yield* s.mu.unlock();
      yield* tableMu.unlock();
    }

    sim.spawn('test', function* () {
      const wg = new WaitGroup(sim, 'wg');
      yield* wg.add(2);
      sim.spawn('AcquireByName', function* () {
        yield* nameCacheGet(0);
        yield* wg.done();
      });
      sim.spawn('Release', function* () {
        yield* release(find(0));
        yield* wg.done();
      });
      yield* wg.wait();
    });
    return {};
  },
});
