/**
 * GoKer moby#18412 — non-blocking, traditional, order violation.
 *
 * `RunCommandWithOutputForDuration` starts a command with its output going to a buffer
 * (os/exec copies the pipe into it from a goroutine of its own), waits for the command in
 * a goroutine that then sets `exitCode` and sends on `done`, and selects between `done`
 * and a 1 ms timeout. On the timeout it kills the command and reads the buffer at once,
 * before the copying goroutine has finished writing it, and returns `exitCode` while the
 * waiting goroutine may still set it; that goroutine then blocks on `done` forever. The
 * command (`sh -c ls`) is modelled as a process that would run 5 ms, so the test times out
 * as GoKer's does.
 *
 * Fix (moby#18412), written from the GoKer description: after killing the command, the
 * function waits for the waiting goroutine (`<-done`, which follows `cmd.Wait` and so the
 * copying goroutine) before it reads the buffer and `exitCode`.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, onRecv, recv, select, send, Shared, sleep, type Proc, type Sim } from '../../../sim/index.ts';
import { Millisecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'moby_18412',
    group: 'non-blocking',
    description: 'after a timeout the output buffer and exitCode are read while the command\'s goroutines still write them',
    fix: 'after killing the command, wait for the goroutine that waits for it before reading its output',
    source: 'https://github.com/moby/moby/pull/18412',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    /** `exec.Command("sh", "-c", "ls")` started with Stdout and Stderr on `out`: the process and os/exec's copying goroutine. */
    function startCommand(out: Shared<string>) {
      const exited = sim.chan<never>(0, 'process exited');
      let killed = false;
      const exit = (): void => {
        if (!exited.closed) closeChan(exited);
      };
      sim.spawn('process sh -c ls', function* () {
        yield* sleep(5 * Millisecond);
        exit();
      });
      const copied = sim.chan<null>(1, 'cmd.errch'); // os/exec's copying goroutine reports here
      sim.spawn('exec copier', function* () {
        out.store(out.peek(), 'io.Copy: bytes.Buffer.ReadFrom grows the buffer'); // before the first read from the pipe
        yield* recv(exited); // the pipe reaches EOF when the process exits
        if (!killed) out.store('file list', 'io.Copy: bytes.Buffer.ReadFrom');
        yield* send(copied, null);
      });
      return {
        /** `cmd.Wait()`: the process, then the copying goroutine. */
        *wait(): Proc<void> {
          yield* recv(exited);
          yield* recv(copied);
        },
        /** `cmd.Process.Kill()`. */
        kill(): void {
          killed = true;
          exit();
        },
      };
    }

    function* runCommandWithOutputForDuration(duration: number): Proc<{ output: string; exitCode: number; timedOut: boolean }> {
      const outputBuffer = new Shared(sim, '', 'outputBuffer');
      const exitCode = new Shared(sim, 0, 'exitCode');
      let timedOut = false;
      const done = sim.chan<null>(0, 'done');
      const cmd = startCommand(outputBuffer);
      sim.spawn('cmd.Wait goroutine', function* () {
        yield* cmd.wait();
        exitCode.store(1, 'wait goroutine: exitCode = 1');
        yield* send(done, null);
      });
      const timeout = sim.newTimer(duration, 'time.After');
      const r = yield* select([onRecv(timeout.C), onRecv(done)]);
      if (r.index === 0) {
        cmd.kill();
        timedOut = true;
        if (fixed) yield* recv(done);
      }
      const output = outputBuffer.load('RunCommandWithOutputForDuration: outputBuffer.String()');
      return { output, exitCode: exitCode.load('RunCommandWithOutputForDuration: return exitCode'), timedOut };
    }

    sim.spawn('test', function* () {
      const res = yield* runCommandWithOutputForDuration(Millisecond);
      if (res.exitCode !== 0 || !res.timedOut) void `${res.output}`; // GoKer only formats the output
      yield* sleep(100 * Millisecond);
    });
    return {};
  },
});
