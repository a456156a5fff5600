/**
 * Finding the test files of a YAML REST test corpus: every `*.yml` / `*.yaml` regular file
 * under the folder, in sorted order, following symlinks. What cannot be followed or read
 * (a dangling symlink, a symlink loop, a folder that leads back to one already walked, a
 * FIFO or other non-regular file, an unreadable folder) is reported per entry in one line
 * instead of crashing the run.
 */
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative } from 'node:path';

/** A corpus entry that could not be used, and why. */
export interface CorpusProblem {
  /** Path relative to the corpus root, with `/` separators. */
  readonly file: string;
  /** One line. */
  readonly detail: string;
}

/** The test files of a corpus and the entries that could not be used. */
export interface CorpusListing {
  /** Absolute paths of readable test files, sorted. */
  readonly files: readonly string[];
  readonly problems: readonly CorpusProblem[];
}

const YAML_NAME = /\.ya?ml$/;

/** The error code of a failed file-system call (`ENOENT`, `ELOOP`, ...). */
function codeOf(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : String(e);
}

/** Why a symlink cannot be followed, from the error `stat` gave. */
function brokenLink(e: unknown): string {
  const code = codeOf(e);
  if (code === 'ENOENT') return 'dangling symlink: its target does not exist';
  if (code === 'ELOOP') return 'symlink loop: the link resolves to itself';
  return `cannot follow symlink (${code})`;
}

/** Lists the test files under `root` (which must be a directory). */
export function listCorpus(root: string): CorpusListing {
  const files: string[] = [];
  const problems: CorpusProblem[] = [];
  const rel = (p: string) => relative(root, p).split('\\').join('/') || '.';
  const walked = new Set<string>();
  const walk = (dir: string): void => {
    let names: string[];
    try {
      const real = realpathSync(dir);
      if (walked.has(real)) {
        problems.push({ file: rel(dir), detail: 'symlink loop: this folder leads back to one already walked' });
        return;
      }
      walked.add(real);
      names = readdirSync(dir).sort();
    } catch (e) {
      problems.push({ file: rel(dir), detail: `cannot read folder (${codeOf(e)})` });
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      let st: Stats;
      try {
        st = statSync(p); // follows symlinks
      } catch (e) {
        problems.push({ file: rel(p), detail: brokenLink(e) });
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (!YAML_NAME.test(name)) continue;
      else if (st.isFile()) files.push(p);
      else problems.push({ file: rel(p), detail: 'not a regular file' });
    }
  };
  walk(root);
  return { files, problems };
}
