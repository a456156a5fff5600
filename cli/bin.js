#!/usr/bin/env node
// The `dst` executable: registers tsx so the TypeScript sources run as they are, then hands over to cli/main.ts.
import { register } from 'tsx/esm/api';

register();
// A reader that goes away early (`dst run | head`) is not a failure of the run: leave quietly with 141 (SIGPIPE).
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(141);
  throw e;
});
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
