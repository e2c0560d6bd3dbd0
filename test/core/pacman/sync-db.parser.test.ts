// Sync databases written by the real repo-add parse into exactly the packages that went in
// (.PKGINFO fields, file name, sizes, checksums), list the same names and versions as
// `pacman -Sl`, and damaged entries are refused with the entry named.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile, copyFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PacmanFormatError } from '../../../src/core/errors.js';
import { listSyncDb, parseSyncDb } from '../../../src/core/pacman/sync-db.parser.js';
import type { PacmanPackage } from '../../../src/core/pacman/types.js';
import { buildRepo, createSandbox, pacman, sandboxSkipReason, type Repo } from '../../support/pacman-sandbox.js';
import { descTar } from '../../support/pacman-fixtures.js';
import { coreRepo, extraRepo } from '../../support/pacman-scenarios.js';

const exec = promisify(execFile);

async function untar(file: string): Promise<Uint8Array> {
  const { stdout } = await exec('bsdtar', ['-cf', '-', `@${file}`], { encoding: 'buffer', maxBuffer: 1 << 28 });
  return new Uint8Array(stdout);
}

/** A sync db tar made by bsdtar from `entries` (entry dir → member → content). */
async function tarOf(dir: string, entries: Record<string, Record<string, string>>): Promise<Uint8Array> {
  const stage = await mkdtemp(path.join(dir, 'stage-'));
  for (const [e, members] of Object.entries(entries)) {
    await mkdir(path.join(stage, e), { recursive: true });
    for (const [m, text] of Object.entries(members)) await writeFile(path.join(stage, e, m), text);
  }
  const { stdout } = await exec('bsdtar', ['-cf', '-', '-C', stage, ...Object.keys(entries)], { encoding: 'buffer', maxBuffer: 1 << 26 });
  return new Uint8Array(stdout);
}

const desc = (name: string, version: string, extra = ''): string => `%NAME%\n${name}\n\n%VERSION%\n${version}\n\n${extra}`;

describe.skipIf(sandboxSkipReason())('parseSyncDb / listSyncDb on repo-add databases', () => {
  let dir: string;
  let repo: Repo;
  let packages: PacmanPackage[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pacsync-syncdb-'));
    repo = await buildRepo({ dir: path.join(dir, 'repo'), name: 'extra', packages: [...coreRepo(), ...extraRepo()] });
    packages = parseSyncDb(await untar(repo.dbFile), repo.dbFile);
  }, 60_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('every package comes back with the fields its .PKGINFO had, plus file name, sizes and checksums', async () => {
    expect(packages.map((p) => p.name)).toEqual(repo.packages.map((b) => b.spec.name).sort());
    for (const built of repo.packages) {
      const s = built.spec;
      const p = packages.find((x) => x.name === s.name) as PacmanPackage;
      const file = await readFile(built.path);
      const defaultSize = Buffer.byteLength(`${s.name} ${s.version}\n`);
      expect(p).toEqual({
        name: s.name,
        version: s.version,
        base: s.name,
        desc: s.desc ?? `${s.name} test package`,
        url: `https://example.org/${s.name}`,
        arch: s.arch ?? 'x86_64',
        builddate: s.builddate ?? 1700000000,
        packager: 'Sandbox Tester <sandbox@example.org>',
        size: s.size ?? defaultSize,
        csize: (await stat(built.path)).size,
        filename: built.filename,
        sha256sum: createHash('sha256').update(file).digest('hex'),
        md5sum: createHash('md5').update(file).digest('hex'),
        licenses: s.licenses ?? ['MIT'],
        groups: s.groups ?? [],
        depends: s.depends ?? [],
        optdepends: s.optdepends ?? [],
        makedepends: [],
        checkdepends: [],
        provides: s.provides ?? [],
        conflicts: s.conflicts ?? [],
        replaces: s.replaces ?? [],
      });
    }
  });

  test('listSyncDb gives the same names and versions, and so does pacman -Sl', async () => {
    const ids = listSyncDb(await untar(repo.dbFile), repo.dbFile);
    expect(ids).toEqual(packages.map((p) => ({ name: p.name, version: p.version })));
    const sb = await createSandbox({ dir: path.join(dir, 'sb'), repos: [repo] });
    await mkdir(path.join(sb.dbpath, 'sync'), { recursive: true });
    await copyFile(repo.dbFile, path.join(sb.dbpath, 'sync', 'extra.db'));
    const sl = (await pacman(sb, ['-Sl'])).stdout;
    expect(sl).toBe(ids.map((i) => `extra ${i.name} ${i.version}\n`).join(''));
  });

  test('a .files database (desc + files members) reads the same packages', async () => {
    const files = repo.dbFile.replace('.db.', '.files.');
    const fromFiles = parseSyncDb(await untar(files), files);
    expect(fromFiles).toEqual(packages);
  });
});

describe.skipIf(sandboxSkipReason())('damaged sync databases', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pacsync-syncdb-bad-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const both = (tar: Uint8Array): Array<() => unknown> => [() => parseSyncDb(tar, 'core.db'), () => listSyncDb(tar, 'core.db')];

  test('a desc without %VERSION% names the entry', async () => {
    const tar = await tarOf(dir, { 'a-1-1': { desc: desc('a', '1-1') }, 'foo-1.0-1': { desc: '%NAME%\nfoo\n\n%DESC%\nx\n\n' } });
    for (const f of both(tar)) expect(f).toThrow('core.db:foo-1.0-1/desc: missing %VERSION%');
  });

  test('a desc disagreeing with its entry name is refused', async () => {
    const tar = await tarOf(dir, { 'foo-1.0-1': { desc: desc('foo', '1.0-2') } });
    for (const f of both(tar)) expect(f).toThrow("core.db:foo-1.0-1/desc: entry 'foo-1.0-1' does not match %NAME% 'foo' and %VERSION% '1.0-2'");
  });

  test('a package listed twice is refused', async () => {
    const tar = await tarOf(dir, { 'foo-1.0-1': { desc: desc('foo', '1.0-1') }, 'foo-2.0-1': { desc: desc('foo', '2.0-1') } });
    for (const f of both(tar)) expect(f).toThrow("core.db: duplicated database entry 'foo'");
  });

  test('something that is not a sync database (a package file) is refused', async () => {
    const tar = await tarOf(dir, { usr: { README: 'hello' } });
    for (const f of both(tar)) expect(f).toThrow(PacmanFormatError);
  });

  test('old databases with a separate depends member are merged', async () => {
    const tar = await tarOf(dir, {
      'foo-1.0-1': { desc: desc('foo', '1.0-1', '%DESC%\nold style\n\n'), depends: '%DEPENDS%\nbar>=2\nbaz\n\n%PROVIDES%\nqux=1\n\n' },
    });
    const [p] = parseSyncDb(tar, 'old.db');
    expect(p).toMatchObject({ name: 'foo', version: '1.0-1', desc: 'old style', depends: ['bar>=2', 'baz'], provides: ['qux=1'] });
    expect(listSyncDb(tar, 'old.db')).toEqual([{ name: 'foo', version: '1.0-1' }]);
  });
});

describe('listSyncDb agrees with the full parser', () => {
  // listSyncDb reads only %NAME% and %VERSION% (a byte scan, for `repo-list`); parseSyncDb parses
  // every field. Whatever the field order, line endings or characters, both must accept the same
  // databases with the same names and versions, and refuse the same ones with the same message.
  const word = fc.stringMatching(/^[a-z0-9][a-z0-9@._+-]{0,12}$/);
  const name = fc.oneof(
    word,
    word.map((w) => `${w}é`),
    word.map((w) => `ü${w}-x`),
  );
  const version = fc.tuple(fc.stringMatching(/^[0-9][a-z0-9.]{0,6}$/), fc.integer({ min: 1, max: 9 })).map(([v, r]) => `${v}-${r}`);
  const other = fc.constantFrom(
    '%DESC%\nsome text: name=x\n',
    '%BASE%\nbase\n',
    '%FILENAME%\nf.pkg.tar.zst\n',
    '%DEPENDS%\na\nb>=1\n',
    '%UNKNOWN%\n',
  );
  const entry = fc.record({
    name,
    version,
    before: fc.array(other, { maxLength: 3 }),
    between: fc.array(other, { maxLength: 2 }),
    after: fc.array(other, { maxLength: 2 }),
    versionFirst: fc.boolean(),
    // The desc may disagree with its entry name (another value, one a character longer or
    // shorter), or lack a field.
    nameChange: fc.constantFrom('same', 'same', 'same', 'longer', 'shorter', 'other'),
    versionChange: fc.constantFrom('same', 'same', 'same', 'longer', 'shorter', 'other'),
    otherName: name,
    otherVersion: version,
    drop: fc.constantFrom(null, null, null, null, '%NAME%', '%VERSION%'),
    crlf: fc.boolean(),
  });
  const change = (v: string, how: string, other: string): string =>
    how === 'longer' ? `${v}1` : how === 'shorter' && v.length > 1 ? v.slice(0, -1) : how === 'other' ? other : v;
  const ids = (tar: Uint8Array, f: (t: Uint8Array, file: string) => Array<{ name: string; version: string }>): unknown => {
    try {
      return f(tar, 'x.db').map((p) => [p.name, p.version]);
    } catch (err) {
      return (err as Error).message;
    }
  };

  test('same names and versions, or the same error', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), (entries) => {
        const tar = descTar(
          entries.map((e) => {
            const fields = [`%NAME%\n${e.name}\n`, `%VERSION%\n${e.version}\n`].filter((f) => !f.startsWith(`${e.drop}\n`));
            if (e.versionFirst) fields.reverse();
            let text = [...e.before, fields[0] ?? '', ...e.between, fields[1] ?? '', ...e.after].filter((f) => f !== '').join('\n');
            if (e.crlf) text = text.replaceAll('\n', '\r\n');
            return [`${change(e.name, e.nameChange, e.otherName)}-${change(e.version, e.versionChange, e.otherVersion)}`, text];
          }),
        );
        const fast = ids(tar, listSyncDb);
        expect(fast).toEqual(ids(tar, parseSyncDb));
      }),
      { numRuns: 300 },
    );
  });
});
