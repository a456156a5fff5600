/**
 * Bundles the viewer's browser code (TypeScript in `client/`) into one script with
 * esbuild, at render time, once per process.
 */
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/** The viewer's script, minified, as one IIFE. */
export function viewerScript(): string {
  if (cached !== null) return cached;
  const out = buildSync({
    entryPoints: [fileURLToPath(new URL('./client/main.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
  });
  cached = (out.outputFiles[0]?.text ?? '').replace(/<\/script/gi, '<\\/script');
  return cached;
}
