/**
 * The files a command will write, planned in two phases so that bad input never leaves
 * a folder behind: {@link planOutputs} checks every output path and makes nothing; once
 * every other input is validated too, {@link prepareOutputs} makes the folders and proves
 * each writable with a test write, before any run starts.
 */
import { dirname } from 'node:path';
import { InputError } from '../harness/input-error.ts';
import { MAX_NOTE } from '../harness/repro.ts';
import { checkOutDir, checkOutFile, prepareDir } from './files.ts';

/** Folders a command will write into, each with the flag that named it. */
export interface Outputs {
  readonly dirs: readonly { readonly flag: string; readonly dir: string }[];
}

/** What a command writes: a file (`--out`) and/or a folder (`--save`), by flag. */
export interface OutputRequest {
  readonly file?: { readonly flag: string; readonly path: string };
  readonly dir?: { readonly flag: string; readonly path: string };
}

/** Checks every output of a command, making nothing; throws an {@link InputError} naming the flag. */
export function planOutputs(req: OutputRequest): Outputs {
  const dirs: { flag: string; dir: string }[] = [];
  if (req.file !== undefined) dirs.push({ flag: req.file.flag, dir: dirname(checkOutFile(req.file.flag, req.file.path)) });
  if (req.dir !== undefined) dirs.push({ flag: req.dir.flag, dir: checkOutDir(req.dir.flag, req.dir.path) });
  return { dirs };
}

/** Makes the planned folders and test-writes each (call after all validation, before running). */
export function prepareOutputs(o: Outputs): void {
  for (const d of o.dirs) prepareDir(d.flag, d.dir);
}

/**
 * `dst replay`'s outputs: the `--out` trace file and the `--save` folder; `--note` is
 * part of what `--save` writes, so it needs `--save` and must fit in a repro file.
 */
export function replayOutputs(flags: { out?: string; save?: string; note?: string }): Outputs {
  if (flags.note !== undefined && flags.save === undefined) throw new InputError('--note: it is written into the repro file; give --save DIR too');
  if (flags.note !== undefined && flags.note.length > MAX_NOTE) throw new InputError(`--note: ${flags.note.length} characters is longer than ${MAX_NOTE}`);
  return planOutputs({
    ...(flags.out !== undefined && { file: { flag: '--out', path: flags.out } }),
    ...(flags.save !== undefined && { dir: { flag: '--save', path: flags.save } }),
  });
}
