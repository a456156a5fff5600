/**
 * The host the determinism copy runs on: another time zone, another locale, another
 * environment and working folder than this process's, so that a run that reads any of
 * them (`new Date(2020, 0, 1)`, `toLocaleString`, `Intl`, `process.env`, `process.cwd()`)
 * gives a different trace there. Time zone and locale are process-wide in Node (a worker
 * thread cannot have its own), so the copy is a child process.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where and how the copy runs. */
export interface CopyHost {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** One phrase for reports, e.g. `TZ=Pacific/Chatham, LANG=de_DE.UTF-8, another environment and working folder`. */
  readonly description: string;
}

/** Variables the child needs to start Node and find its temp folder; every other one is dropped. */
const KEPT = ['PATH', 'NODE_OPTIONS', 'NODE_PATH', 'TMPDIR', 'TMP', 'TEMP', 'SYSTEMROOT', 'SystemRoot', 'NODE_EXTRA_CA_CERTS'];

/** A host that differs from this one in time zone, locale, environment and working folder. */
export function otherHost(): CopyHost {
  const here = Intl.DateTimeFormat().resolvedOptions();
  const tz = here.timeZone === 'Pacific/Chatham' ? 'America/St_Johns' : 'Pacific/Chatham';
  const lang = here.locale.startsWith('de') ? 'fr_FR.UTF-8' : 'de_DE.UTF-8';
  const cwd = mkdtempSync(join(tmpdir(), 'dst-determinism-copy-'));
  const env: NodeJS.ProcessEnv = {};
  for (const k of KEPT) if (process.env[k] !== undefined) env[k] = process.env[k];
  Object.assign(env, { TZ: tz, LANG: lang, LC_ALL: lang, HOME: cwd, PWD: cwd, DST_DETERMINISM_COPY: '1' });
  return { env, cwd, description: `TZ=${tz}, LANG=${lang}, another environment and working folder` };
}
