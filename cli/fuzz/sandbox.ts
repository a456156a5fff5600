/**
 * One fuzz input's world: a fresh folder with the inputs (`in/`), the one directory the
 * command is given for its outputs (`out/`), and a folder outside it holding a victim
 * file and a secret. After the command, {@link checkContract} holds it to the contract.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** The content of the secret: it must never appear in any output. */
export const SECRET = 'root:*:20202:0:99999:7:::fuzz-SECRET-42';

/** The folders and files of one input's world. */
export interface Sandbox {
  readonly root: string;
  readonly inDir: string;
  /** The only place the command may write. */
  readonly outDir: string;
  readonly outside: string;
  readonly victim: string;
  readonly secret: string;
  /** Every entry outside `out/` with its size and mtime, taken before the command. */
  readonly before: ReadonlyMap<string, string>;
  /** The same for `out/` itself (what was planted there). */
  readonly beforeOut: ReadonlyMap<string, string>;
}

function entries(root: string, skip: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (p === skip) continue;
      const st = lstatSync(p);
      out.set(relative(root, p), `${st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : st.isFIFO() ? 'p' : 'f'}/${st.isDirectory() ? 0 : st.size}/${st.mtimeMs}`);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(root);
  return out;
}

/** A fresh world; `plant` may add hostile inputs (FIFOs, symlinks) before the snapshot. */
export function makeSandbox(plant?: (box: Omit<Sandbox, 'before' | 'beforeOut'>) => void): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'dst-fuzz-'));
  const inDir = join(root, 'in');
  const outDir = join(root, 'out');
  const outside = join(root, 'outside');
  for (const d of [inDir, outDir, outside]) mkdirSync(d);
  const victim = join(outside, 'victim.txt');
  writeFileSync(victim, 'precious\n');
  const secret = join(outside, 'shadow');
  writeFileSync(secret, `${SECRET}\n`);
  const box = { root, inDir, outDir, outside, victim, secret };
  plant?.(box);
  return { ...box, before: entries(root, outDir), beforeOut: entries(outDir, '') };
}

/** Removes the world. */
export function dropSandbox(box: Sandbox): void {
  rmSync(box.root, { recursive: true, force: true });
}

/** A named pipe in `dir`. */
export function mkfifo(path: string): void {
  // mkfifo's complaint about a name the file system refuses goes into the error thrown, not onto the suite's output.
  execFileSync('mkfifo', [path], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A symbolic link at `at` pointing to `to`. */
export function plantLink(to: string, at: string): void {
  symlinkSync(to, at);
}

/** What a command printed and returned. */
export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A broken promise of the contract, with the input that broke it. */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

function must(ok: boolean, what: string, r: Outcome): void {
  if (!ok) throw new ContractViolation(`${what} (exit ${r.code}; stderr: ${JSON.stringify(r.stderr.slice(0, 400))}; stdout: ${JSON.stringify(r.stdout.slice(0, 200))})`);
}

/** Whether a written file is whole: not empty, JSON that parses, HTML that ends with a tag, text that ends its last line. */
function isComplete(text: string): boolean {
  if (text.length === 0) return false;
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  }
  if (text.startsWith('<')) return text.trimEnd().endsWith('>');
  return true;
}

/** The names `dst` gives its temp files. */
const TEMP = /^\.dst-[0-9a-f]{12}\.\d+\.tmp$/;

/**
 * The contract (DESIGN §7, issue 13): exit 0, 1 or 2; on 2 exactly one stderr line and
 * no stack; no secret echoed; nothing written outside `out/`; no temp file left and no
 * partial file (every JSON file written parses) under `out/`; /dev/null still a device.
 */
export function checkContract(r: Outcome, box: Sandbox): void {
  must([0, 1, 2].includes(r.code), 'exit code is 0, 1 or 2', r);
  if (r.code === 2) must(r.stderr.endsWith('\n') && r.stderr.trimEnd().split('\n').length === 1, 'exit 2 prints exactly one stderr line', r);
  must(!/\n\s+at /.test(r.stderr) && !r.stderr.includes('internal error'), 'no stack trace, no internal error', r);
  must(!r.stderr.includes('fuzz-SECRET') && !r.stdout.includes('fuzz-SECRET'), 'no file content echoed', r);
  const after = entries(box.root, box.outDir);
  for (const [p, fp] of box.before) must(after.get(p) === fp, `nothing outside out/ changed (${p})`, r);
  for (const p of after.keys()) must(box.before.has(p), `nothing written outside out/ (${p})`, r);
  must(readFileSync(box.victim, 'utf8') === 'precious\n', 'the victim file is untouched', r);
  must(statSync('/dev/null').isCharacterDevice(), '/dev/null is still a device', r);
  const outAfter = entries(box.outDir, '');
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const rel = relative(box.outDir, p);
      const written = outAfter.get(rel) !== box.beforeOut.get(rel);
      must(!written || e.isDirectory() || !TEMP.test(e.name), `no temp file left (${relative(box.root, p)})`, r);
      if (e.isDirectory()) walk(p);
      else if (written && e.isFile()) must(isComplete(readFileSync(p, 'utf8')), `no partial file (${relative(box.root, p)} is complete)`, r);
    }
  };
  walk(box.outDir);
}
