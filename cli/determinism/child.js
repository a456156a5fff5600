// The determinism copy's entry: a child process (another time zone, locale and environment)
// that registers tsx, then runs the cases its parent sends (child-main.ts).
import { register } from 'tsx/esm/api';

register();
await import('./child-main.ts');
