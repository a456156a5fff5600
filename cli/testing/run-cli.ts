/**
 * Runs the `dst` CLI in process with captured output, for tests.
 */
import { main } from '../main.ts';

/** What one CLI invocation produced. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `dst <argv>` and captures its streams. */
export async function runCli(argv: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
  });
  return { code, stdout, stderr };
}

/** Splits `npx dst replay --seed 3 ...` into argv for {@link runCli}. */
export function replayArgv(command: string): string[] {
  const parts = command.split(/\s+/);
  if (parts[0] !== 'npx' || parts[1] !== 'dst') throw new Error(`not a dst command: ${command}`);
  return parts.slice(2);
}

/** `['--quiet']` for the commands that report progress (so a test can expect nothing else on stderr), else none. */
export function quiet(argv: readonly string[]): string[] {
  return ['run', 'explore', 'shrink'].includes(argv[0] ?? '') ? ['--quiet'] : [];
}
