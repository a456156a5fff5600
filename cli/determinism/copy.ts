/**
 * The parent's side of the determinism copy: one child process on another host (see
 * host-env.ts), cases sent over IPC (structured clone), answers matched by id.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { otherHost, type CopyHost } from './host-env.ts';
import type { CopyAnswer, CopyRequest, PortableCase } from './protocol.ts';

/** A running copy. */
export class DeterminismCopy {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<number, { resolve: (a: CopyAnswer) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private stderr = '';
  private dead: Error | null = null;
  /** Cases sent so far (the report's re-runs). */
  sent = 0;

  private constructor(readonly host: CopyHost) {
    this.child = fork(new URL('./child.js', import.meta.url), [], { cwd: host.cwd, env: host.env, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.child.stderr?.setEncoding('utf8');
    (this.child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    this.child.stderr?.on('data', (s: string) => {
      if (this.stderr.length < 4000) this.stderr += s;
    });
    this.child.on('message', (a: CopyAnswer) => {
      const w = this.waiting.get(a.id);
      this.waiting.delete(a.id);
      this.holdOpen();
      w?.resolve(a);
    });
    this.holdOpen();
    this.child.on('exit', (code, signal) => {
      this.dead = new Error(`the determinism copy (a child process) exited (${signal ?? code}) ${this.stderr.split('\n')[0] ?? ''}`.trim());
      for (const w of this.waiting.values()) w.reject(this.dead);
      this.waiting.clear();
    });
  }

  /** Starts a copy on another host. */
  static start(): DeterminismCopy {
    return new DeterminismCopy(otherHost());
  }

  /**
   * The child keeps this process alive only while an answer is awaited: a `dst` that ends
   * early (an error, a kill) never waits for it, and the child exits when its parent goes.
   */
  private holdOpen(): void {
    const busy = this.waiting.size > 0;
    if (busy) {
      this.child.ref();
      this.child.channel?.ref();
    } else {
      this.child.unref();
      this.child.channel?.unref();
    }
  }

  /** Runs one case in the copy. */
  run(c: PortableCase, detail = false): Promise<CopyAnswer> {
    if (this.dead !== null) return Promise.reject(this.dead);
    const id = this.nextId++;
    if (!detail) this.sent++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.holdOpen();
      this.child.send({ id, case: c, detail } satisfies CopyRequest);
    });
  }

  /** Stops the copy and removes its working folder. */
  close(): void {
    this.child.removeAllListeners('exit');
    this.child.kill();
    rmSync(this.host.cwd, { recursive: true, force: true });
  }
}
