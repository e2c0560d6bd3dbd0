// Package files: what we read from .PKGINFO must be what pacman reads (`pacman -Qip` is the
// referee), and a file that is not the package it claims to be is refused, naming the problem.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { matchPackageFile, readPackageInfo, verifyPackageFile } from '../../../src/agent/pacman/package-file.js';
import { buildPackage, type PackageSpec } from '../../support/pacman-sandbox.js';
import { missingTools } from '../../support/tools.js';

const exec = promisify(execFile);
const skip = missingTools('pacman', 'bsdtar', 'zstd', 'xz');

test('cache file names: exact name and version, package extensions only', () => {
  expect(matchPackageFile('zlib-1:1.3.1-2-x86_64.pkg.tar.zst', 'zlib', '1:1.3.1-2')).toEqual({ arch: 'x86_64', ext: '.pkg.tar.zst' });
  expect(matchPackageFile('python-pip-24.0-1-any.pkg.tar.xz', 'python-pip', '24.0-1')).toEqual({ arch: 'any', ext: '.pkg.tar.xz' });
  expect(matchPackageFile('zlib-1:1.3.1-2-x86_64.pkg.tar.zst.sig', 'zlib', '1:1.3.1-2')).toBeNull();
  expect(matchPackageFile('zlib-1:1.3.1-2-x86_64.pkg.tar.zst.part', 'zlib', '1:1.3.1-2')).toBeNull();
  // `python` must not match python-pip's files, nor 1.0-1 match 1.0-10.
  expect(matchPackageFile('python-pip-24.0-1-any.pkg.tar.zst', 'python', '24.0-1')).toBeNull();
  expect(matchPackageFile('foo-1.0-10-x86_64.pkg.tar.zst', 'foo', '1.0-1')).toBeNull();
});

/** The fields of `pacman -Qip` we compare, as lists. */
async function qip(file: string): Promise<Record<string, string[]>> {
  const { stdout } = await exec('pacman', ['-Qip', file], { env: { ...process.env, LC_ALL: 'C', COLUMNS: '' } });
  const out: Record<string, string[]> = {};
  for (const line of stdout.split('\n')) {
    const m = /^(\w[\w ]*?)\s+: (.*)$/.exec(line);
    if (m) out[m[1] as string] = m[2] === 'None' ? [] : (m[2] as string).split('  ');
  }
  return out;
}

describe.skipIf(skip)('package files', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'pacsync-pkgfile-'));
  });
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  const specs: PackageSpec[] = [
    { name: 'plain', version: '1.0-1' },
    {
      name: 'foo',
      version: '2:1.0.r3.gabc-2',
      arch: 'any',
      depends: ['glibc>=2.38', 'so:libz.so=1-64'],
      provides: ['foo-bin=1.0', 'libfoo.so=3-64'],
      conflicts: ['foo-git', 'foo-old<2'],
      groups: ['base', 'dev'],
      replaces: ['oldfoo'],
    },
  ];

  test.each(specs)('.PKGINFO of $name $version reads as pacman -Qip shows it', async (spec) => {
    const built = await buildPackage(spec, work);
    const info = await readPackageInfo(built.path);
    const ref = await qip(built.path);
    expect([info.name]).toEqual(ref.Name);
    expect([info.version]).toEqual(ref.Version);
    expect([info.arch]).toEqual(ref.Architecture);
    expect(info.depends).toEqual(ref['Depends On']);
    expect(info.provides).toEqual(ref.Provides);
    expect(info.conflicts).toEqual(ref['Conflicts With']);
    expect(info.groups).toEqual(ref.Groups);
    expect(info.replaces).toEqual(ref.Replaces);
  });

  test('a file that is not the package it claims to be is refused, naming the file and the problem', async () => {
    const real = await buildPackage({ name: 'real', version: '1.0-1' }, work);
    await expect(verifyPackageFile(real.path, 'real', '1.0-1')).resolves.toMatchObject({ name: 'real', version: '1.0-1' });

    // A mirror's error page saved under the package's name.
    const html = path.join(work, 'page-1.0-1-x86_64.pkg.tar.zst');
    await writeFile(html, '<!DOCTYPE html><html><body>503 Service Unavailable, please retry later</body></html>\n');
    await expect(verifyPackageFile(html, 'page', '1.0-1')).rejects.toThrow(`${html}: not a package file (unrecognized content)`);

    // The right compression for another name: an xz file called .zst.
    const xzName = path.join(work, 'real-1.0-1-x86_64.pkg.tar.zst.xz-inside');
    await exec('sh', ['-c', `zstd -dcq '${real.path}' | xz -c > '${xzName}'`]);
    const misnamed = path.join(work, 'mis-1.0-1-x86_64.pkg.tar.zst');
    await copyFile(xzName, misnamed);
    await expect(verifyPackageFile(misnamed, 'real', '1.0-1')).rejects.toThrow('content is xz, not zstd as the name says');

    // Another version renamed.
    const renamed = path.join(work, 'real-2.0-1-x86_64.pkg.tar.zst');
    await copyFile(real.path, renamed);
    await expect(verifyPackageFile(renamed, 'real', '2.0-1')).rejects.toThrow('holds real 1.0-1, not real 2.0-1');

    // Cut short.
    const cut = path.join(work, 'cut-1.0-1-x86_64.pkg.tar.zst');
    await writeFile(cut, Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, ...new Array<number>(100).fill(0)]));
    await expect(verifyPackageFile(cut, 'cut', '1.0-1')).rejects.toThrow(/^.*cut-1\.0-1-x86_64\.pkg\.tar\.zst: not a readable package/);
  });
});
