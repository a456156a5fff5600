// Worker thread entry: registers tsx in this thread (so static and dynamic imports of the
// TypeScript sources, target modules included, both work), then hands over to worker.ts.
import { register } from 'tsx/esm/api';

register();
const { default: run } = await import('./worker.ts');
export default run;
