/**
 * Sections of the shared corpus (`es-rest-tests/`) the fake is known to fail, each with
 * why. A run in which only these fail passes; one of them passing, being skipped or no
 * longer existing makes the run fail, so the list cannot go stale.
 */

/** One section the fake is known to fail. */
export interface KnownFailure {
  /** Corpus-relative file path, as the report names it. */
  readonly file: string;
  /** Section name. */
  readonly section: string;
  /** Why the fake fails it (what it would take to pass). */
  readonly why: string;
}

/** The known failures of the shared corpus. */
export const KNOWN_FAILURES: readonly KnownFailure[] = [
  {
    file: 'delete/50_refresh.yml',
    section: 'Refresh',
    why:
      'needs several shards: the test relies on a refresh=true delete refreshing only its own shard, so an earlier unrefreshed delete on another of the 5 shards stays visible; ' +
      'the fake keeps one shard per index, so that refresh makes both deletes visible',
  },
];
