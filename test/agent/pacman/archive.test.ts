// Old versions from an archive in the Arch Linux Archive layout, over HTTP on 127.0.0.1: where a
// package is looked for, what a missing one, a dead server, a stalled or cut download look like,
// that the configured mirrors are tried after archive_url, and what an archive cannot make a
// download do (grow past the size limit, redirect in circles or away from http(s)).
import { readFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { archivePackageUrl, downloadFile, probeUrl, redirectProblem } from '../../../src/agent/pacman/archive.js';
import type { ExecutorContext } from '../../../src/agent/pacman/executor-context.js';
import type { Machine } from '../../../src/agent/pacman/machine-state.js';
import { SourceResolver } from '../../../src/agent/pacman/package-source.js';
import { parsePacmanConf } from '../../../src/core/pacman/pacman-conf.parser.js';
import { serveArchive, type ArchiveServer } from '../../support/package-archive.js';
import { buildPackage, type BuiltPackage } from '../../support/pacman-sandbox.js';
import { missingTools } from '../../support/tools.js';

const skip = missingTools('bsdtar', 'zstd');

test('package URLs follow the Arch Linux Archive layout, epoch included', () => {
  expect(archivePackageUrl('https://archive.archlinux.org/', 'zlib', '1:1.3.1-2', 'x86_64', '.pkg.tar.zst')).toBe(
    'https://archive.archlinux.org/packages/z/zlib/zlib-1:1.3.1-2-x86_64.pkg.tar.zst',
  );
  expect(archivePackageUrl('http://h/mirror', 'python-pip', '24.0-1', 'any', '.pkg.tar.xz')).toBe(
    'http://h/mirror/packages/p/python-pip/python-pip-24.0-1-any.pkg.tar.xz',
  );
  // Names that could walk out of the layout are refused.
  expect(archivePackageUrl('http://h', '../etc', '1-1', 'x86_64', '.pkg.tar.zst')).toBeNull();
  expect(archivePackageUrl('http://h', 'a', '1/../../x-1', 'x86_64', '.pkg.tar.zst')).toBeNull();
});

describe.skipIf(skip)('archive over HTTP', () => {
  let work: string;
  let pkg: BuiltPackage;
  let archive: ArchiveServer;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'pacsync-archive-test-'));
    pkg = await buildPackage({ name: 'legacy', version: '2:0.9-1', files: { 'usr/share/legacy/data': 'x'.repeat(5000) } }, work);
    archive = await serveArchive([pkg]);
  });
  afterAll(async () => {
    await archive?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const url = (base: string): string => archivePackageUrl(base, 'legacy', '2:0.9-1', 'x86_64', '.pkg.tar.zst') as string;
  const opts = { timeoutMs: 2000 };

  test('probe: found, missing (HTTP 404), nobody listening', async () => {
    expect(await probeUrl(url(archive.url), opts)).toEqual({ found: true });
    expect(archive.requests).toContain(`HEAD /packages/l/legacy/${pkg.filename}`);
    expect(await probeUrl(archivePackageUrl(archive.url, 'legacy', '1.0-1', 'x86_64', '.pkg.tar.zst') as string, opts)).toEqual({
      found: false,
      reason: 'HTTP 404',
    });
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const { port } = dead.address() as AddressInfo;
    await new Promise<void>((r) => dead.close(() => r()));
    expect(await probeUrl(url(`http://127.0.0.1:${port}`), opts)).toEqual({ found: false, reason: 'connection refused' });
  });

  test('probe falls back to GET where HEAD is not allowed', async () => {
    const noHead = await serveArchive([pkg], (req, res) => {
      if (req.method !== 'HEAD') return false;
      res.writeHead(405).end();
      return true;
    });
    try {
      expect(await probeUrl(url(noHead.url), opts)).toEqual({ found: true });
      expect(noHead.requests.map((r) => r.split(' ')[0])).toEqual(['HEAD', 'GET']);
    } finally {
      await noHead.close();
    }
  });

  test('download: the exact bytes; a stall times out and a cut transfer fails, leaving no file', async () => {
    const dest = path.join(work, 'dl.pkg.tar.zst');
    await downloadFile(url(archive.url), dest, opts);
    expect((await readFile(dest)).equals(await readFile(pkg.path))).toBe(true);

    const bad = await serveArchive([], (req, res) => {
      if (req.url?.includes('stall')) {
        res.writeHead(200, { 'content-length': '5000' });
        res.write('x'.repeat(100)); // then nothing
        return true;
      }
      res.writeHead(200, { 'content-length': '5000' });
      res.write('x'.repeat(100), () => res.socket?.destroy()); // declared 5000, connection lost after 100
      return true;
    });
    try {
      const stalled = path.join(work, 'stall.pkg.tar.zst');
      await expect(downloadFile(`${bad.url}/stall`, stalled, { timeoutMs: 300 })).rejects.toThrow('timed out after 300 ms');
      await expect(stat(stalled)).rejects.toThrow();
      const cut = path.join(work, 'cut.pkg.tar.zst');
      await expect(downloadFile(`${bad.url}/cut`, cut, { timeoutMs: 60_000 })).rejects.toThrow('connection lost');
      await expect(stat(cut)).rejects.toThrow();
    } finally {
      await bad.close();
    }
  });

  test('sources: archive_url first, then the mirrors; what was tried is reported', async () => {
    const empty = await serveArchive([]);
    const cache = await mkdtemp(path.join(work, 'cache-'));
    try {
      const machine: Machine = {
        conf: parsePacmanConf('[options]\nArchitecture = x86_64\n', 'pacman.conf'),
        local: [],
        localByName: new Map(),
        repos: [],
        arches: ['x86_64', 'any'],
        incomplete: [],
      };
      const ctx = (archiveUrl: string | null, mirrors: string[]): ExecutorContext => ({
        pacman: {
          command: 'pacman',
          root: '/',
          dbpath: work,
          configPath: '/dev/null',
          cacheDir: cache,
          useSudo: false,
          archiveUrl,
          archiveMirrors: mirrors,
        },
        timeoutMs: 2000,
      });
      const need = { name: 'legacy', version: '2:0.9-1' };

      const viaMirror = await new SourceResolver(machine, ctx(empty.url, [archive.url])).resolve(need);
      expect(viaMirror.source).toMatchObject({ kind: 'archive', url: url(archive.url) });
      // Every arch and extension was asked of archive_url before the mirror.
      expect(empty.requests).toEqual([
        `HEAD /packages/l/legacy/legacy-2:0.9-1-x86_64.pkg.tar.zst`,
        `HEAD /packages/l/legacy/legacy-2:0.9-1-x86_64.pkg.tar.xz`,
        `HEAD /packages/l/legacy/legacy-2:0.9-1-any.pkg.tar.zst`,
        `HEAD /packages/l/legacy/legacy-2:0.9-1-any.pkg.tar.xz`,
      ]);

      const nowhere = await new SourceResolver(machine, ctx(empty.url, [])).resolve({ name: 'legacy', version: '3.0-1' });
      expect(nowhere.source).toBeNull();
      expect(nowhere.tried).toEqual(['sync databases: not found', `package cache: ${cache}`, `archive ${empty.url}: HTTP 404`]);

      const unconfigured = await new SourceResolver(machine, ctx(null, [])).resolve(need);
      expect(unconfigured.source).toBeNull();
      expect(unconfigured.tried).toContain('archive: no archive_url configured');
    } finally {
      await empty.close();
    }
  });
});

describe.skipIf(skip)('what an archive cannot make a download do', () => {
  let work: string;
  let pkg: BuiltPackage;
  let archive: ArchiveServer;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'pacsync-archive-limits-'));
    pkg = await buildPackage({ name: 'legacy', version: '0.9-1', files: { 'usr/share/legacy/data': 'x'.repeat(5000) } }, work);
    const file = `/packages/l/legacy/${pkg.filename}`;
    archive = await serveArchive([pkg], (req, res) => {
      const u = req.url ?? '';
      if (u === '/announced-huge') {
        // Announces 100 GiB; sends (slowly) far less — the limit is applied before reading.
        res.writeHead(200, { 'content-length': String(100 * 2 ** 30) });
        res.write('x'.repeat(1000));
        return true;
      }
      if (u === '/no-length') {
        // Chunked, no Content-Length, and never ending on its own.
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const more = (): void => {
          if (!res.destroyed) res.write(Buffer.alloc(16 * 1024, 1), () => setImmediate(more));
        };
        more();
        return true;
      }
      if (u === '/moved') {
        res.writeHead(301, { location: file }).end();
        return true;
      }
      if (u === '/moved-absolute') {
        res.writeHead(302, { location: `${archive.url}/moved` }).end();
        return true;
      }
      if (u === '/loop') {
        res.writeHead(302, { location: '/loop' }).end();
        return true;
      }
      if (u === '/to-ftp') {
        res.writeHead(302, { location: 'ftp://127.0.0.1/x' }).end();
        return true;
      }
      return false;
    });
  });
  afterAll(async () => {
    await archive?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const dest = (name: string): string => path.join(work, name);

  test('a body over the size limit is refused, whether announced or sent without a length, and no file is left', async () => {
    const limit = { timeoutMs: 5000, maxBytes: 64 * 1024 };
    await expect(downloadFile(`${archive.url}/announced-huge`, dest('a'), limit)).rejects.toThrow('larger than the 64 KiB download limit');
    await expect(downloadFile(`${archive.url}/no-length`, dest('b'), limit)).rejects.toThrow('larger than the 64 KiB download limit');
    await expect(downloadFile(pathToFileURL(pkg.path).href, dest('c'), { timeoutMs: 5000, maxBytes: 100 })).rejects.toThrow(
      'larger than the 100 bytes download limit',
    );
    for (const f of ['a', 'b', 'c']) await expect(stat(dest(f))).rejects.toThrow();
    // Within the limit: the exact bytes.
    await downloadFile(`${archive.url}/packages/l/legacy/${pkg.filename}`, dest('d'), limit);
    expect((await readFile(dest('d'))).equals(await readFile(pkg.path))).toBe(true);
  });

  test('http redirects are followed (relative and absolute); a loop or a non-http target is refused', async () => {
    await downloadFile(`${archive.url}/moved-absolute`, dest('e'), { timeoutMs: 5000 });
    expect((await readFile(dest('e'))).equals(await readFile(pkg.path))).toBe(true);
    expect(await probeUrl(`${archive.url}/moved`, { timeoutMs: 5000 })).toEqual({ found: true });
    await expect(downloadFile(`${archive.url}/loop`, dest('f'), { timeoutMs: 5000 })).rejects.toThrow(
      `more than 10 redirects from ${archive.url}/loop`,
    );
    expect(await probeUrl(`${archive.url}/to-ftp`, { timeoutMs: 5000 })).toEqual({
      found: false,
      reason: `redirect from ${archive.url}/to-ftp to ftp://127.0.0.1/x refused: not an http(s) URL`,
    });
  });

  test('the redirect rule: never from https to plain http', () => {
    expect(redirectProblem('https://a.example/p/x.zst', 'http://b.example/p/x.zst')).toBe(
      'redirect from https://a.example/p/x.zst to http://b.example/p/x.zst refused: it leaves https for plain http',
    );
    expect(redirectProblem('https://a.example/p/x.zst', 'https://b.example/x.zst')).toBeNull();
    expect(redirectProblem('https://a.example/p/x.zst', '/elsewhere/x.zst')).toBeNull();
    expect(redirectProblem('http://a.example/p/x.zst', 'https://b.example/x.zst')).toBeNull();
    expect(redirectProblem('http://a.example/p/x.zst', 'http://b.example/x.zst')).toBeNull();
  });
});
