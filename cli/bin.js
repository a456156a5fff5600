#!/usr/bin/env node
// The `dst` executable: registers tsx so the TypeScript sources run as they are, then hands over to cli/main.ts.
import { register } from 'tsx/esm/api';

register();
// A reader that goes away early (`dst run | head`) is not a failure of the run: further output
// is dropped, the run finishes (so --save still writes its files), and the exit code is 141 (SIGPIPE).
let stdoutClosed = false;
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE' && !(stdoutClosed && e.code === 'ERR_STREAM_DESTROYED')) throw e;
  stdoutClosed = true;
});
const stdout = { write: (s) => (stdoutClosed ? true : process.stdout.write(s)), get isTTY() { return process.stdout.isTTY; } };
const { main } = await import('./main.ts');
const code = await main(process.argv.slice(2), { stdout, stderr: process.stderr });
// The EPIPE of the last writes is reported after them, asynchronously: wait until every
// write has been flushed or has failed, then until the error event has been delivered.
if (!stdoutClosed) await new Promise((resolve) => process.stdout.write('', () => resolve()));
await new Promise((resolve) => setImmediate(resolve));
process.exitCode = stdoutClosed ? 141 : code;
