// desc entries as pacman writes them into the local database parse into the package that was
// installed; malformed entries are refused with the file and line named.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PacmanFormatError } from '../../../src/core/errors.js';
import { parseDesc, parseDescInto, emptyPackage, splitEntryName } from '../../../src/core/pacman/desc.parser.js';
import { buildPackage, installFiles, makeSandbox, sandboxSkipReason, type Sandbox } from '../../support/pacman-sandbox.js';

describe.skipIf(sandboxSkipReason({ needRoot: true }))('parseDesc on local entries written by pacman', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await makeSandbox({
      repos: {
        core: [
          { name: 'lib-base', version: '1:3.0.0_beta2-7', provides: ['libbase.so=3-64'], licenses: ['GPL', 'custom'], size: 123_456 },
          {
            name: 'app',
            version: '0.9.r12.g1234abc-1',
            desc: 'An app with  two spaces and trailing words',
            depends: ['lib-base>=1:3', 'libbase.so=3-64'],
            optdepends: ['gtk3: GUI: with a colon'],
            conflicts: ['app-git'],
            replaces: ['oldapp'],
            groups: ['apps'],
            builddate: 1234567890,
          },
        ],
      },
      install: ['app'],
    });
  }, 60_000);
  afterAll(async () => {
    await sb?.cleanup();
  });

  const local = async (entry: string) => {
    const file = path.join(sb.dbpath, 'local', entry, 'desc');
    return parseDesc(await readFile(file, 'utf8'), file, 'local', entry);
  };

  test('an explicitly installed package, every field', async () => {
    const p = await local('app-0.9.r12.g1234abc-1');
    expect(p).toMatchObject({
      name: 'app',
      version: '0.9.r12.g1234abc-1',
      base: 'app',
      desc: 'An app with  two spaces and trailing words', // from the package itself, spaces kept
      arch: 'x86_64',
      builddate: 1234567890,
      packager: 'Sandbox Tester <sandbox@example.org>',
      depends: ['lib-base>=1:3', 'libbase.so=3-64'],
      optdepends: ['gtk3: GUI: with a colon'],
      conflicts: ['app-git'],
      replaces: ['oldapp'],
      groups: ['apps'],
      validation: ['sha256'],
    });
    expect(p.reason ?? 0).toBe(0);
    expect(p.installdate).toBeGreaterThan(1_700_000_000);
    expect(p.csize).toBeUndefined();
  });

  test('a dependency: reason 1, %SIZE% read as the installed size', async () => {
    const p = await local('lib-base-1:3.0.0_beta2-7');
    expect(p).toMatchObject({
      name: 'lib-base',
      version: '1:3.0.0_beta2-7',
      reason: 1,
      size: 123_456,
      licenses: ['GPL', 'custom'],
      provides: ['libbase.so=3-64'],
    });
  });

  test('a package installed from a file: validation none', async () => {
    const built = await buildPackage({ name: 'fromfile', version: '1-1' }, sb.dir);
    await installFiles(sb, [built.path]);
    expect((await local('fromfile-1-1')).validation).toEqual(['none']);
  });
});

describe('parseDesc on hand-made entries', () => {
  const ok = '%NAME%\nfoo\n\n%VERSION%\n1.0-1\n\n';

  test('single values, lists, numbers; unknown fields skipped; CRLF tolerated', () => {
    const text = `${ok}%FUTUREFIELD%\nwhatever\nmore\n\n%DEPENDS%\na\nb>=2\n\n%SIZE%\n42\n\n%BUILDDATE%\n1700000000\n\n%REASON%\n1\n`;
    expect(parseDesc(text, 'f', 'local')).toMatchObject({
      name: 'foo',
      version: '1.0-1',
      depends: ['a', 'b>=2'],
      size: 42,
      builddate: 1700000000,
      reason: 1,
    });
    expect(parseDesc(text.replaceAll('\n', '\r\n'), 'f', 'local')).toEqual(parseDesc(text, 'f', 'local'));
  });

  test('%SIZE% is the installed size locally, the download size in old sync databases', () => {
    expect(parseDesc(`${ok}%SIZE%\n7\n`, 'f', 'local')).toMatchObject({ size: 7 });
    expect(parseDesc(`${ok}%SIZE%\n7\n`, 'f', 'sync').csize).toBe(7);
    expect(parseDesc(`${ok}%CSIZE%\n5\n\n%SIZE%\n7\n\n%ISIZE%\n9\n`, 'f', 'sync')).toMatchObject({ csize: 5, size: 9 });
  });

  test('dates in the pre-3.5 text format are read as local time, like libalpm', () => {
    const p = parseDesc(`${ok}%BUILDDATE%\nTue Nov 14 22:13:20 2023\n`, 'f', 'local');
    expect(p.builddate).toBe(Math.floor(new Date(2023, 10, 14, 22, 13, 20).getTime() / 1000));
  });

  test.each([
    ['missing %NAME%', '%VERSION%\n1-1\n', 'x/desc: missing %NAME%'],
    ['missing %VERSION%', '%NAME%\nfoo\n', 'x/desc: missing %VERSION%'],
    ['a header without its value (cut short)', `${ok}%DESC%`, 'x/desc: line 7: %DESC% has no value (file truncated?)'],
    ['garbage where a header should be', `${ok}\u0000\u0001garbage`, 'x/desc: line 7: expected a %FIELD% header'],
    ['a number that is not one', `${ok}%SIZE%\n12 MiB\n`, "x/desc: line 8: %SIZE% is not a number: '12 MiB'"],
    ['an unknown install reason', `${ok}%REASON%\n2\n`, 'x/desc: line 8: %REASON% must be 0 or 1, found 2'],
    ['two values for a single-valued field', `${ok}%URL%\nhttps://a\nhttps://b\n`, 'x/desc: line 9: %URL% takes one value'],
  ])('%s → PacmanFormatError naming the file', (_what, text, message) => {
    let err: unknown;
    try {
      parseDesc(text, 'x/desc', 'local');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PacmanFormatError);
    expect((err as PacmanFormatError).file).toBe('x/desc');
    expect((err as Error).message).toContain(message);
  });

  test('the entry directory name must match %NAME%-%VERSION%', () => {
    expect(() => parseDesc(ok, 'd', 'local', 'foo-1.0-1')).not.toThrow();
    expect(() => parseDesc(ok, 'd', 'local', 'foo-1.0-2')).toThrow("d: entry 'foo-1.0-2' does not match %NAME% 'foo' and %VERSION% '1.0-1'");
  });

  test('parseDescInto merges a second member into the same package', () => {
    const p = parseDescInto(parseDescInto(emptyPackage(), ok, 'a', 'sync'), '%DEPENDS%\nx\n', 'b', 'sync');
    expect(p).toMatchObject({ name: 'foo', depends: ['x'] });
  });

  test('entry names split at the last two dashes, like libalpm', () => {
    expect(splitEntryName('lib32-foo-bar-1:2.0-3')).toEqual({ name: 'lib32-foo-bar', version: '1:2.0-3' });
    expect(splitEntryName('foo-1.0')).toBeNull();
    expect(splitEntryName('-1.0-1')).toBeNull();
  });
});
