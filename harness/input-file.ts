/**
 * Reading untrusted input files (scenario files, repro files): only regular files, at most
 * {@link MAX_INPUT_FILE_BYTES}, strict UTF-8, and no error message ever echoes a byte of
 * their content. A FIFO or a device is refused before a byte is read (the file is opened
 * non-blocking, then checked with `fstat` on the open descriptor, so it cannot be swapped
 * between the check and the read); the read itself stops one byte past the cap whatever
 * the file claims its size is (`/proc` files report 0).
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { InputError } from './input-error.ts';

/** Largest configuration or repro file read (bytes). */
export const MAX_INPUT_FILE_BYTES = 16 * 1024 * 1024;

const MB = MAX_INPUT_FILE_BYTES / (1024 * 1024);

/** What kind of file system object a stat describes, in words. */
export function kindOf(st: Stats): string {
  if (st.isFile()) return 'a file';
  if (st.isDirectory()) return 'a folder';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

const OPEN_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many levels of symbolic links',
  ENOTDIR: 'a part of the path is not a folder',
  ENXIO: 'a socket or a device without a reader',
  ENAMETOOLONG: 'the name is too long',
  EISDIR: 'it is a folder',
};

/**
 * Reads a small regular file as UTF-8 text; any problem is an {@link InputError} that
 * echoes none of its content. `what` names the input: a flag (`--scenario`), or a kind of
 * file (`repro file`) that the message follows with the path.
 */
export function readInputFile(file: string, what: string): string {
  const flag = what.startsWith('--');
  const head = flag ? `${what}: ${file}` : `${what} ${file}`;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT' && flag) throw new InputError(`${what}: no such file ${file}`);
    throw new InputError(`${head}: cannot be read: ${OPEN_ERRORS[code] ?? code}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputError(`${head} is ${kindOf(st)}, not a regular file (a regular file is needed)`);
    if (st.size > MAX_INPUT_FILE_BYTES) throw new InputError(`${head} is larger than ${MB} MB`);
    return decode(readCapped(fd, head), head);
  } finally {
    closeSync(fd);
  }
}

/** Reads at most the cap plus one byte; more than the cap is an {@link InputError}. */
function readCapped(fd: number, head: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(1 << 20, MAX_INPUT_FILE_BYTES + 1 - total));
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      throw new InputError(`${head}: cannot be read: ${code === 'EAGAIN' ? 'no data available (not a regular file)' : (OPEN_ERRORS[code] ?? code)}`);
    }
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
    if (total > MAX_INPUT_FILE_BYTES) throw new InputError(`${head} is larger than ${MB} MB`);
  }
  return Buffer.concat(chunks, total);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Buffer, head: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new InputError(`${head} is not UTF-8 text`);
  }
}

/** Parses JSON text; a syntax error is an {@link InputError} that echoes none of the text. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8's message quotes the text around the error ("Unexpected token 'r', "root:*:202"..."): never shown.
    throw new InputError(`${what}: malformed JSON${e instanceof RangeError ? ' (nested too deeply)' : ''}`);
  }
}
