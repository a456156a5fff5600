#!/usr/bin/env node
// The `dst` executable: registers tsx so the TypeScript sources run as they are, then hands over to cli/main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
