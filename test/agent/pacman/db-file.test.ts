// Database files are decompressed by their content, not their name — zstd (the zstd binary, or
// fzstd without it), gzip, xz, plain tar, and anything else libarchive reads — into exactly the
// bytes that were compressed; cut or corrupt files are one PacmanFormatError naming the file.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PacmanFormatError } from '../../../src/core/errors.js';
import { tarEntries } from '../../../src/core/pacman/tar.reader.js';
import { decompressDbFile, detectCompression, readDbFile } from '../../../src/agent/pacman/db-file.js';
import { missingTools } from '../../support/tools.js';

const exec = promisify(execFile);

const FORMATS: Array<[string, string[], string]> = [
  ['zst', ['--zstd'], 'zstd'],
  ['gz', ['-z'], 'gzip'],
  ['xz', ['-J'], 'xz'],
  ['bz2', ['-j'], 'bzip2'],
  ['tar', [], 'none'],
];

describe.skipIf(missingTools('bsdtar', 'zstd', 'xz'))('readDbFile', () => {
  let dir: string;
  let tar: Buffer; // the uncompressed reference, written by bsdtar

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pacsync-dbfile-'));
    const stage = path.join(dir, 'stage');
    for (let i = 0; i < 300; i++) {
      await mkdir(path.join(stage, `pkg${i}-1.0-1`), { recursive: true });
      await writeFile(path.join(stage, `pkg${i}-1.0-1`, 'desc'), `%NAME%\npkg${i}\n\n%VERSION%\n1.0-1\n\n%DESC%\n${'x'.repeat(i * 7)}\n\n`);
    }
    await exec('bsdtar', ['-cf', path.join(dir, 'db.tar'), '-C', stage, '.']);
    tar = await readFile(path.join(dir, 'db.tar'));
    for (const [ext, flags] of FORMATS) {
      if (ext !== 'tar') await exec('bsdtar', ['-cf', path.join(dir, `db.${ext}`), ...flags, '-C', stage, '.']);
    }
  }, 60_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test.each(FORMATS)('.%s is recognised by its magic bytes and decompressed to the original tar', async (ext, _flags, kind) => {
    // Same content under a name that says nothing (like <repo>.db).
    const file = path.join(dir, `as-${ext}.db`);
    const src = await readFile(path.join(dir, `db.${ext}`));
    await writeFile(file, src);
    expect(detectCompression(src.subarray(0, 512))).toBe(kind);
    const out = await readDbFile(file);
    // bsdtar re-archives formats it handles itself (bzip2 here): compare the entries, not bytes.
    const files = (b: Uint8Array) =>
      tarEntries(b, 'x')
        .filter((e) => e.type === 'file')
        .map((e) => [e.path, Buffer.from(e.data).toString()]);
    if (kind === 'bzip2') expect(files(out)).toEqual(files(tar));
    else expect(Buffer.compare(Buffer.from(out), tar)).toBe(0);
    expect(files(out)).toHaveLength(300);
  });

  test('without the zstd binary, fzstd decompresses in process', async () => {
    const out = await readDbFile(path.join(dir, 'db.zst'), { zstd: 'pacsync-no-such-zstd' });
    expect(Buffer.compare(Buffer.from(out), tar)).toBe(0);
  });

  test('data arrives in order, in pieces, while decompressing', async () => {
    const pieces: number[] = [];
    await decompressDbFile(path.join(dir, 'db.zst'), (c) => pieces.push(c.length));
    expect(pieces.reduce((a, b) => a + b, 0)).toBe(tar.length);
  });

  test.each(FORMATS.filter(([ext]) => ext !== 'tar'))('.%s cut in half: an error naming the file', async (ext) => {
    const src = await readFile(path.join(dir, `db.${ext}`));
    const file = path.join(dir, `cut-${ext}.db`);
    await writeFile(file, src.subarray(0, Math.floor(src.length / 2)));
    const err = await readDbFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PacmanFormatError);
    expect((err as PacmanFormatError).file).toBe(file);
    expect((err as Error).message).toMatch(/corrupt or truncated/);
    expect((err as Error).message).not.toContain('\n');
  });

  test('a sink that throws stops the read and its error comes back', async () => {
    const boom = new PacmanFormatError('x', 'stop');
    await expect(
      decompressDbFile(path.join(dir, 'db.xz'), () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    await expect(
      decompressDbFile(path.join(dir, 'db.gz'), () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
  });

  test.each([
    ['a missing file', null, /could not read database: file does not exist/],
    ['an empty file', Buffer.alloc(0), /empty file/],
    ['text', Buffer.from('<html>404 Not Found</html>\n'), /not a pacman database/],
  ])('%s: an error naming the file', async (what, content, message) => {
    const file = path.join(dir, `bad-${what.replaceAll(' ', '-')}.db`);
    if (content) await writeFile(file, content);
    const err = await readDbFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PacmanFormatError);
    expect((err as Error).message).toMatch(new RegExp(`^${file}: `));
    expect((err as Error).message).toMatch(message);
  });
});
