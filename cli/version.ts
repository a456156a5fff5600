/**
 * The version of `dst`: the package's own (`dst --version`).
 */
import { readFileSync } from 'node:fs';

/** `version` of package.json. */
export const DST_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
