/**
 * The `refresh` parameter of writes and boolean query parameters, parsed as ES does.
 */
import { illegalArgument, type EsError } from '../errors.ts';

/** Refresh policy of a write: none, immediate (`true` or `""`), or wait for the next refresh. */
export type RefreshPolicy = 'none' | 'immediate' | 'wait_for';

/**
 * Parses the `refresh` query parameter. `wait_for` is modelled as a refresh that happens before
 * the response is sent (the fake has no background refresh), but it does not set `forced_refresh`.
 */
export function parseRefresh(value: string | undefined): RefreshPolicy | EsError {
  if (value === undefined || value === 'false') return 'none';
  if (value === '' || value === 'true') return 'immediate';
  if (value === 'wait_for') return 'wait_for';
  return illegalArgument(`Unknown value for refresh: [${value}].`);
}

/** Parses a boolean query parameter the way ES does (`""` and `true` are true). */
export function parseBoolParam(value: string | undefined, dflt: boolean): boolean {
  if (value === undefined) return dflt;
  return value === '' || value === 'true';
}
