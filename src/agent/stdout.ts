// Standard output for the commands that stand in for pacman's readers (`query`, `repo-list`):
// written straight to file descriptor 1 with fs.writeSync, without ever creating
// `process.stdout`. Why: creating it costs start-up time (a pipe becomes a net.Socket), and
// writing ~1 MB of `-Qi` text through the Writable stream kept enough alive that the last
// garbage collections of the run took ~10 ms instead of ~2 (measured). pacman writes through
// stdio the same way: synchronously, in order with stderr.
//
// The two cases a plain write(2) does not cover are kept: a reader that stops early (`| head`)
// ends the command quietly with its exit code, as pacman does when SIGPIPE kills it, and a
// descriptor someone else left non-blocking (EAGAIN) hands the rest of the output to
// process.stdout, which waits for the reader.
import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { reportError } from './errors.js';

let viaStream = false;

function isErrno(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === code;
}

/** Writes all of `text` to standard output, in order with everything written before. */
export function writeStdout(text: string): void {
  if (text === '') return;
  if (viaStream) {
    process.stdout.write(text);
    return;
  }
  let rest: Buffer | null = null; // only after a short write: the bytes not yet written
  try {
    const written = writeSync(1, text);
    if (written === Buffer.byteLength(text)) return;
    rest = Buffer.from(text).subarray(written);
    while (rest.length > 0) rest = rest.subarray(writeSync(1, rest));
  } catch (err) {
    if (isErrno(err, 'EPIPE')) process.exit(process.exitCode ?? 0);
    if (!isErrno(err, 'EAGAIN')) throw err;
    viaStream = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') reportError(e);
      process.exit(process.exitCode ?? 0);
    });
    process.stdout.write(rest ?? text);
  }
}

/**
 * Resolves once everything written has left the process: at once, unless a non-blocking
 * descriptor made writeStdout hand output to process.stdout, which may still hold some.
 */
export function stdoutDrained(): Promise<void> {
  if (!viaStream) return Promise.resolve();
  return new Promise((resolve) => process.stdout.write('', () => resolve()));
}

/**
 * Collects output and writes it in pieces of ~64 KiB: few system calls, and the text built for
 * each package does not stay alive until the end.
 */
export class StdoutBuffer {
  // Pieces joined at flush: one flat string to write, not a tree of concatenations to walk.
  private pending: string[] = [];
  private length = 0;

  write(text: string): void {
    this.pending.push(text);
    this.length += text.length;
    if (this.length >= 65536) this.flush();
  }

  flush(): void {
    const text = this.pending.join('');
    this.pending = [];
    this.length = 0;
    writeStdout(text);
  }
}

/**
 * Whether standard output is a terminal. node:tty (which loads net and streams, ~4 ms) is only
 * asked about a character device: a pipe or a file is never a terminal.
 */
function stdoutIsTerminal(): boolean {
  try {
    if (!fstatSync(1).isCharacterDevice()) return false;
  } catch {
    return false; // closed
  }
  const tty = createRequire(import.meta.url)('node:tty') as typeof import('node:tty');
  return tty.isatty(1);
}

/**
 * Columns to wrap at, as pacman's getcols(): $COLUMNS when it is a number, else the terminal's
 * width when standard output is a terminal, else 0 (no wrapping). process.stdout is only created
 * for a terminal.
 */
export function outputColumns(env: NodeJS.ProcessEnv = process.env): number {
  const e = env.COLUMNS;
  if (e !== undefined && e !== '' && /^-?\d+$/.test(e)) {
    const n = Number(e);
    if (n >= 0) return n & 0xffff; // pacman keeps it in an unsigned short
  }
  return stdoutIsTerminal() ? (process.stdout.columns ?? 80) : 0;
}
