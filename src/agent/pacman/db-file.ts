// Reading a (possibly compressed) pacman database file into tar bytes. The compression is
// detected from the magic bytes, not the name (`core.db` is a symlink to whatever repo-add wrote):
//   gzip  → node:zlib, in process;
//   zstd  → the `zstd -dc` binary; measured on a 14,000-entry database (32 MB of tar) it takes
//           ~90 ms against ~220 ms for the pure-JS `fzstd`, and libzstd checks the frame checksum.
//           fzstd is the fallback when the binary is missing;
//   xz    → the `xz -dc` binary: Node has no xz, the npm decoders are pure JS and several times
//           slower, and xz is always present where pacman is (libarchive depends on it);
//   plain tar → as is; anything else libarchive can read (bzip2, lz4, …) → `bsdtar` re-archives it.
// Every failure (unreadable file, truncated or corrupt stream, tool error) is a PacmanFormatError
// naming the file.
import { spawn } from 'node:child_process';
import { closeSync, createReadStream, openSync, readSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { PacmanFormatError } from '../../core/errors.js';

export type Compression = 'gzip' | 'zstd' | 'xz' | 'bzip2' | 'none' | 'unknown';

/** The compression of a database file from its first bytes. */
export function detectCompression(head: Uint8Array): Compression {
  const b = (i: number): number => head[i] ?? -1;
  if (b(0) === 0x1f && b(1) === 0x8b) return 'gzip';
  if (b(0) === 0x28 && b(1) === 0xb5 && b(2) === 0x2f && b(3) === 0xfd) return 'zstd';
  if (b(0) === 0xfd && b(1) === 0x37 && b(2) === 0x7a && b(3) === 0x58 && b(4) === 0x5a && b(5) === 0x00) return 'xz';
  if (b(0) === 0x42 && b(1) === 0x5a && b(2) === 0x68) return 'bzip2';
  // ustar magic at 257, or an all-zero block (an empty archive).
  if (head.length >= 263 && String.fromCharCode(...head.subarray(257, 262)) === 'ustar') return 'none';
  if (head.length >= 512 && head.subarray(0, 512).every((x) => x === 0)) return 'none';
  return 'unknown';
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'file does not exist';
  if (e.code === 'EACCES') return 'permission denied';
  return e.code ?? e.message ?? String(err);
}

/** Receives decompressed bytes in order; may throw to abort the read. */
export type Sink = (chunk: Uint8Array) => void;

/** A plain Uint8Array view (Buffer's own subarray is slower, and the tar parser slices a lot). */
function view(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/** Streams the stdout of `cmd args` to `sink`; rejects with the tool's first stderr line on failure. */
function run(cmd: string, args: string[], file: string, sink: Sink): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let failed: unknown = null;
    child.stdout.on('data', (d: Buffer) => {
      if (failed !== null) return;
      try {
        sink(view(d));
      } catch (err) {
        failed = err;
        child.kill();
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (failed !== null) return reject(failed);
      if (code === 0) return resolve();
      const line = stderr.split('\n').find((l) => l.trim() !== '') ?? `exit ${code ?? signal}`;
      // Tools prefix their messages with the file name; ours already names it.
      const why = line
        .replaceAll(`${file}: `, '')
        .replace(/^\S+: /, '')
        .trim();
      const tool = cmd.split('/').pop() ?? cmd;
      reject(new PacmanFormatError(file, `corrupt or truncated ${tool === 'bsdtar' ? 'archive' : `${tool} data`} (${why})`));
    });
  });
}

/** Streams a file (optionally through gunzip) to `sink`. */
async function streamFile(file: string, gzip: boolean, sink: Sink): Promise<void> {
  const { createGunzip } = gzip ? await import('node:zlib') : { createGunzip: null };
  return new Promise((resolve, reject) => {
    const input = createReadStream(file, { highWaterMark: 256 * 1024 });
    const stream = createGunzip ? input.pipe(createGunzip({ chunkSize: 256 * 1024 })) : input;
    let done = false;
    const fail = (err: unknown): void => {
      if (done) return;
      done = true;
      input.destroy();
      stream.destroy();
      reject(err);
    };
    input.on('error', (err) => fail(new PacmanFormatError(file, `could not read database: ${reason(err)}`)));
    if (gzip) stream.on('error', (err: Error) => fail(new PacmanFormatError(file, `corrupt or truncated gzip data (${err.message})`)));
    stream.on('data', (d: Buffer) => {
      if (done) return;
      try {
        sink(view(d));
      } catch (err) {
        fail(err);
      }
    });
    stream.on('end', () => {
      if (!done) {
        done = true;
        resolve();
      }
    });
  });
}

/** The external decompressors (names on PATH or paths); tests point them elsewhere. */
export interface DecompressTools {
  zstd?: string;
  xz?: string;
  bsdtar?: string;
}

/**
 * Decompresses database `file`, handing the tar bytes to `sink` as they come (so parsing runs
 * while the decompressor still works).
 */
export async function decompressDbFile(file: string, sink: Sink, tools: DecompressTools = {}): Promise<void> {
  // The first bytes and the real path are read synchronously: a few microseconds, where each
  // asynchronous round trip through libuv's thread pool delayed the decompressor's start (and so
  // the whole `repo-list`) by up to a millisecond.
  let head: Uint8Array;
  let real: string;
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(512);
      head = buf.subarray(0, readSync(fd, buf, 0, 512, 0));
    } finally {
      closeSync(fd);
    }
    // The real path: zstd and xz skip symbolic links, and `<repo>.db` is one (made by repo-add).
    real = realpathSync(file);
  } catch (err) {
    throw new PacmanFormatError(file, `could not read database: ${reason(err)}`);
  }
  if (head.length === 0) throw new PacmanFormatError(file, 'empty file (not a pacman database)');
  const kind = detectCompression(head);
  const missing = (tool: string) => (err: unknown) => {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new PacmanFormatError(file, `cannot decompress: ${tool} is not installed`);
    throw err;
  };
  switch (kind) {
    case 'gzip':
    case 'none':
      return streamFile(file, kind === 'gzip', sink);
    case 'zstd':
      try {
        return await run(tools.zstd ?? 'zstd', ['-dcq', '--', real], file, sink);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        return zstdInProcess(file, sink);
      }
    case 'xz':
      return run(tools.xz ?? 'xz', ['-dcq', '--', real], file, sink).catch(missing('xz'));
    default:
      // bzip2, lz4, … or not an archive at all: let libarchive decide.
      return run(tools.bsdtar ?? 'bsdtar', ['-cf', '-', `@${file}`], file, sink).catch((err: unknown) => {
        if (err instanceof PacmanFormatError && kind === 'unknown') {
          throw new PacmanFormatError(file, 'not a pacman database (unrecognized file format)');
        }
        return missing('bsdtar')(err);
      });
  }
}

/** Fallback without the zstd binary. */
async function zstdInProcess(file: string, sink: Sink): Promise<void> {
  const { decompress } = await import('fzstd');
  const data = await readFile(file);
  let out: Uint8Array;
  try {
    out = decompress(data);
  } catch (err) {
    throw new PacmanFormatError(file, `corrupt or truncated zstd data (${(err as Error).message})`);
  }
  sink(out);
}

/** The whole uncompressed tar bytes of database `file` (see decompressDbFile). */
export async function readDbFile(file: string, tools: DecompressTools = {}): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await decompressDbFile(file, (c) => chunks.push(c), tools);
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks);
}
