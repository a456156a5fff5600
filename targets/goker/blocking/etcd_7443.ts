/**
 * GoKer etcd#7443 — mixed deadlock, channel & lock.
 *
 * The balancer's `Up`, and the `down` function it returns, send on the balancer's notify
 * channel (buffer one) while holding the balancer's mutex. The only reader of that
 * channel is the client's `lbWatcher`, which itself calls `down` while tearing a
 * connection down; once the buffer is full, `down` blocks in the send holding the mutex,
 * and `Close` and every `Up` queue behind it.
 *
 * Fix (etcd#7443, "clientv3: serialize updating notifych in balancer"): one goroutine
 * owns the notify channel. `Up` and `down` only record the pinned address and poke that
 * goroutine without blocking; it drains a stale update and sends the current one, and
 * closes the channel when the balancer closes.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, GoPanic, Mutex, onRecv, onSend, recv, recvOk, RWMutex, select, send, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { mapRange } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

type Address = number;

export default defineTarget({
  ...kernelTarget({
    id: 'etcd_7443',
    description: 'simpleBalancer.Up/down send on notifyCh holding b.mu; lbWatcher, its only reader, is the one calling down',
    fix: 'a goroutine owns notifyCh; Up and down only poke it without blocking',
    source: 'https://github.com/etcd-io/etcd/pull/7443',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    // newSimpleBalancer
    const addrs: Address[] = [0, 1, 2];
    const b = {
      mu: new RWMutex(sim, 'b.mu'),
      notifyCh: sim.chan<Address[]>(1, 'b.notifyCh'),
      closed: false,
      pinAddr: 0 as Address,
      /** Fixed variant: wakes the notify goroutine (buffer one, sent without blocking). */
      updateAddrsC: sim.chan<null>(1, 'b.updateAddrsC'),
      /** Fixed variant: closed by Close. */
      stopc: sim.chan<never>(0, 'b.stopc'),
    };
    b.notifyCh.trySend(addrs);

    function* notifyUpdate(): Proc<void> {
      yield* select([onSend(b.updateAddrsC, null)], true);
    }
    /** Fixed variant: the goroutine that owns notifyCh. */
    function* updateNotifyLoop(): Proc<void> {
      for (;;) {
        if ((yield* select([onRecv(b.stopc), onRecv(b.updateAddrsC)])).index === 0) break;
        yield* b.mu.rLock();
        const update = b.pinAddr === 0 ? addrs : [b.pinAddr];
        yield* b.mu.rUnlock();
        yield* select([onRecv(b.notifyCh)], true); // drop a stale update
        if ((yield* select([onSend(b.notifyCh, update), onRecv(b.stopc)])).index === 1) break;
      }
      closeChan(b.notifyCh);
    }
    function* up(addr: Address): Proc<() => Proc<void>> {
      yield* b.mu.lock();
      if (b.closed) {
        yield* b.mu.unlock();
        return function* () {};
      }
      if (b.pinAddr === 0) {
        b.pinAddr = addr;
        if (fixed) yield* notifyUpdate();
        else yield* send(b.notifyCh, [addr]);
      }
      yield* b.mu.unlock();
      return function* down() {
        yield* b.mu.lock();
        try {
          if (b.pinAddr === addr) {
            b.pinAddr = 0;
            if (fixed) yield* notifyUpdate();
            else yield* send(b.notifyCh, addrs);
          }
        } catch (e) {
          // The deferred recover: a send on the closed notify channel.
          if (!(e instanceof GoPanic)) throw e;
        }
        yield* b.mu.unlock();
      };
    }
    function* balancerClose(): Proc<void> {
      yield* b.mu.lock();
      if (!b.closed) {
        b.closed = true;
        if (fixed) closeChan(b.stopc);
        else closeChan(b.notifyCh);
        b.pinAddr = 0;
      }
      yield* b.mu.unlock();
    }

    interface AddrConn {
      readonly mu: Mutex;
      readonly addr: Address;
      down: (() => Proc<void>) | null;
    }
    const cc = { mu: new RWMutex(sim, 'cc.mu'), conns: new Map<Address, AddrConn>() as Map<Address, AddrConn> | null };

    function* tearDown(ac: AddrConn): Proc<void> {
      yield* ac.mu.lock();
      if (ac.down !== null) {
        yield* ac.down();
        ac.down = null;
      }
      yield* ac.mu.unlock();
    }
    function* resetTransport(ac: AddrConn): Proc<void> {
      yield* ac.mu.lock();
      ac.down = yield* up(ac.addr);
      yield* ac.mu.unlock();
    }
    function* resetAddrConn(addr: Address): Proc<void> {
      const ac: AddrConn = { mu: new Mutex(sim, `addrConn${addr}.mu`), addr, down: null };
      yield* cc.mu.lock();
      if (cc.conns === null) {
        yield* cc.mu.unlock();
        return;
      }
      cc.conns.set(addr, ac);
      yield* cc.mu.unlock();
      sim.spawn(`resetTransport(${addr})`, () => resetTransport(ac));
    }
    function* lbWatcher(): Proc<void> {
      for (;;) {
        const r = yield* recvOk(b.notifyCh);
        if (!r.ok) return;
        const update = r.value as Address[];
        const add: Address[] = [];
        const del: AddrConn[] = [];
        yield* cc.mu.lock();
        const conns = cc.conns ?? new Map<Address, AddrConn>();
        for (const a of update) if (!conns.has(a)) add.push(a);
        for (const [k, c] of mapRange(sim, conns)) {
          if (!update.includes(k)) {
            del.push(c);
            conns.delete(c.addr);
          }
        }
        yield* cc.mu.unlock();
        for (const a of add) yield* resetAddrConn(a);
        for (const c of del) yield* tearDown(c);
      }
    }
    function* ccClose(): Proc<void> {
      yield* cc.mu.lock();
      const conns = cc.conns ?? new Map<Address, AddrConn>();
      cc.conns = null;
      yield* cc.mu.unlock();
      yield* balancerClose();
      for (const [, ac] of mapRange(sim, conns)) yield* tearDown(ac);
    }

    sim.spawn('test', function* () {
      if (fixed) sim.spawn('updateNotifyLoop', updateNotifyLoop);
      sim.spawn('lbWatcher', lbWatcher); // Dial -> DialContext
      const closec = sim.chan<never>(0, 'closec');
      sim.spawn('sb.Close', function* () {
        yield* balancerClose();
        closeChan(closec);
      });
      sim.spawn('conn.Close', ccClose);
      yield* recv(closec);
    });
    return {};
  },
});
