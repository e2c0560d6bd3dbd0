// The tar reader must read what libarchive writes — every header format bsdtar produces, long and
// non-ASCII names, data of every length — the same however the bytes are chunked, and must refuse
// damaged or cut archives rather than return fewer entries.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PacmanFormatError } from '../../../src/core/errors.js';
import { TarParser, tarEntries, type TarEntry } from '../../../src/core/pacman/tar.reader.js';
import { missingTools } from '../../support/tools.js';

const exec = promisify(execFile);
const dec = new TextDecoder();

/** Files to archive: path → content (directories implied). */
const FILES: Record<string, string> = {
  'short/desc': '%NAME%\nshort\n\n',
  [`${'x'.repeat(120)}-1.0-1/desc`]: 'a name over 100 bytes\n', // ustar prefix / pax / GNU longname
  [`${'y'.repeat(60)}/${'z'.repeat(120)}-1.0-1/desc`]: 'over 155 + 100: pax or GNU only\n',
  'unicode-é-ü-1.0-1/desc': 'naïve — ünïcödé\n',
  'exact/block': 'b'.repeat(512),
  'exact/two-blocks-minus-one': 'c'.repeat(1023),
  'empty/file': '',
  'big/file': 'd'.repeat(70_000),
};

interface Simple {
  path: string;
  type: string;
  data: string;
}
const simple = (e: TarEntry): Simple => ({ path: e.path, type: e.type, data: dec.decode(e.data) });
const filesOnly = (es: Simple[]): Simple[] => es.filter((e) => e.type === 'file').sort((a, b) => (a.path < b.path ? -1 : 1));
const expected: Simple[] = Object.entries(FILES)
  .map(([p, d]) => ({ path: p, type: 'file', data: d }))
  .sort((a, b) => (a.path < b.path ? -1 : 1));

describe.skipIf(missingTools('bsdtar'))('tarEntries on archives written by bsdtar', () => {
  let dir: string;
  const archives = new Map<string, Uint8Array>();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pacsync-tar-'));
    const src = path.join(dir, 'src');
    for (const [p, content] of Object.entries(FILES)) {
      await mkdir(path.dirname(path.join(src, p)), { recursive: true });
      await writeFile(path.join(src, p), content);
    }
    const tops = [...new Set(Object.keys(FILES).map((p) => p.split('/')[0] as string))];
    for (const format of ['pax', 'gnutar', 'ustar', 'restricted']) {
      const out = path.join(dir, `${format}.tar`);
      const f = format === 'restricted' ? [] : ['--format', format];
      // ustar cannot hold the longest name: bsdtar skips it with a warning, which the test accounts for.
      await exec('bsdtar', ['-cf', out, ...f, '-C', src, ...tops]).catch(() => undefined);
      archives.set(format, new Uint8Array(await readFile(out)));
    }
  }, 60_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test.each(['pax', 'gnutar', 'restricted'])('%s: every file with its exact name and content, directories as directories', (format) => {
    const entries = tarEntries(archives.get(format) as Uint8Array, `${format}.tar`).map(simple);
    expect(filesOnly(entries)).toEqual(expected);
    expect(entries.filter((e) => e.type === 'directory').map((e) => e.path)).toContain('short/');
  });

  test('ustar: names up to 255 bytes through the prefix field', () => {
    const entries = filesOnly(tarEntries(archives.get('ustar') as Uint8Array, 'ustar.tar').map(simple));
    expect(entries).toEqual(expected.filter((e) => !e.path.startsWith('y')));
  });

  test('the same entries whatever the chunking (as when streamed from a decompressor)', () => {
    const whole = archives.get('pax') as Uint8Array;
    const reference = tarEntries(whole, 'pax.tar').map(simple);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 60 }), (sizes) => {
        const got: Simple[] = [];
        const parser = new TarParser('pax.tar', (e) => got.push(simple(e)));
        let pos = 0;
        for (let i = 0; pos < whole.length; i++) {
          const n = sizes[i % sizes.length] as number;
          parser.write(whole.subarray(pos, pos + n));
          pos += n;
        }
        parser.end();
        expect(got).toEqual(reference);
      }),
      { numRuns: 150 },
    );
  });

  test('data after the end-of-archive marker is ignored (writers pad to whole records)', () => {
    const whole = archives.get('gnutar') as Uint8Array;
    const padded = new Uint8Array(whole.length + 4096);
    padded.set(whole);
    padded.fill(7, whole.length);
    expect(filesOnly(tarEntries(padded, 'x').map(simple))).toEqual(expected);
  });

  test('an archive cut anywhere before its end marker is an error naming the file, never a shorter list', () => {
    const whole = archives.get('pax') as Uint8Array;
    const complete = tarEntries(whole, 'db.tar').length;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: whole.length - 1 }), (cut) => {
        const part = whole.subarray(0, cut);
        let threw: unknown = null;
        let entries = 0;
        try {
          entries = tarEntries(part, 'db.tar').length;
        } catch (e) {
          threw = e;
        }
        // Either it fails with a PacmanFormatError naming the file, or (cut inside the trailing
        // zero padding, after the marker) it yields every entry.
        if (threw === null) expect(entries).toBe(complete);
        else {
          expect(threw).toBeInstanceOf(PacmanFormatError);
          expect((threw as PacmanFormatError).file).toBe('db.tar');
        }
      }),
      { numRuns: 300 },
    );
    expect(() => tarEntries(whole.subarray(0, 512 * 3), 'db.tar')).toThrow(/db\.tar: truncated archive/);
  });

  test('a damaged header is an error naming the file and the offset', () => {
    const whole = new Uint8Array(archives.get('gnutar') as Uint8Array);
    whole[5] = (whole[5] as number) ^ 0x20; // a bit flip in the first entry's name
    expect(() => tarEntries(whole, 'core.db')).toThrow('core.db: corrupt archive (bad tar header checksum at offset 0)');
  });

  test('random bytes are not an archive', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 4096 }), (bytes) => {
        if (bytes.subarray(0, 512).every((b) => b === 0)) return; // an empty archive is valid
        expect(() => tarEntries(bytes, 'junk')).toThrow(PacmanFormatError);
      }),
    );
  });
});
