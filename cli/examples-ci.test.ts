/**
 * The CI examples (`examples/ci/`) name only what `dst` has: every `npx dst COMMAND` in a
 * workflow step, a Job's container command or its environment is a real command, and every
 * `--flag` near it is in that command's `--help`. (merge.test.ts runs the Kubernetes
 * manifest's command lines; this catches a renamed or removed flag in either file.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from './testing/run-cli.ts';

const ROOT = join(import.meta.dirname, '..');

/** The shell scripts of a YAML document: every `run:` of a step, every container `command`, with the container's env values. */
function scripts(doc: unknown): string[] {
  const out: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) for (const y of x) walk(y);
    else if (x !== null && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (typeof o.run === 'string') out.push(o.run);
      if (Array.isArray(o.command)) {
        const env = Array.isArray(o.env) ? (o.env as { value?: unknown }[]).map((e) => String(e.value ?? '')).join('\n') : '';
        out.push(`${(o.command as unknown[]).join(' ')}\n${env}`);
      }
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(doc);
  return out;
}

const helpOf = new Map<string, Promise<string>>();
function help(command: string): Promise<string> {
  let h = helpOf.get(command);
  if (h === undefined) {
    h = runCli([command, '--help']).then((r) => {
      expect(r.code, `dst ${command} --help`).toBe(0);
      return r.stdout;
    });
    helpOf.set(command, h);
  }
  return h;
}

describe.each(['github-actions.yml', 'k8s-indexed-job.yaml'])('examples/ci/%s', (file) => {
  const docs = parseAllDocuments(readFileSync(join(ROOT, 'examples/ci', file), 'utf8')).map((d) => d.toJS() as unknown);
  const withDst = docs.flatMap(scripts).filter((s) => /npx dst \w/.test(s));

  it('runs dst run and dst merge', () => {
    const commands = new Set(withDst.flatMap((s) => [...s.matchAll(/npx dst (\w+)/g)].map((m) => m[1])));
    expect([...commands].sort()).toEqual(['merge', 'run']);
  });

  it('gives each dst command only flags its --help lists', async () => {
    let checked = 0;
    for (const script of withDst) {
      const commands = [...new Set([...script.matchAll(/npx dst (\w+)/g)].map((m) => m[1] as string))];
      const helps = await Promise.all(commands.map(help));
      // Every --flag in the script (on the dst line or in a variable it expands) must be a flag of a command the script runs.
      for (const [flag] of script.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)) {
        expect(helps.some((h) => new RegExp(`(^|[\\s,])${flag}(?![\\w-])`, 'm').test(h)), `${file}: ${flag} is not a flag of dst ${commands.join('/')}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(4);
  });
});
