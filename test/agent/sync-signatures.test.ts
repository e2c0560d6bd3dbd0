// Finding 2 of issue #10, as a user meets it: the pool's target has a version only the archive
// holds, and the archive answers with a package carrying `etc/sudoers.d/evil` and no signature.
// Under Arch's default levels `pacsync sync --yes` (the built CLI, the real server on 127.0.0.1,
// the real pacman in sandbox roots) refuses it: exit 1, one line naming the file and why, and the
// machine is untouched — `pacman -Q`, the local database, the package cache, no sudoers file. The
// packager's signed file, served next, is installed and cached with its .sig.
import { copyFile, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureAgentBuilt, pacsync } from '../support/agent-cli.js';
import { buildFleet, type Fleet } from '../support/agent-fleet.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { serveArchive, type ArchiveServer } from '../support/package-archive.js';
import { makeKeyring, makeSigningKey, stopAgents, useKeyring, type SigningKey } from '../support/package-signing.js';
import { buildPackage, installFiles, localDbHash, pacmanQ, sandboxSkipReason, type BuiltPackage, type Sandbox } from '../support/pacman-sandbox.js';
import { missingTools } from '../support/tools.js';

const skip = sandboxSkipReason({ needRoot: true }) ?? missingTools('gpg', 'gpgconf', 'pacman-key');

describe.skipIf(skip)('pacsync sync and the signatures of archive downloads', () => {
  let fleet: Fleet;
  let srv: LiveServer;
  let archive: ArchiveServer;
  let packager: SigningKey;
  let legacy: BuiltPackage;
  let B: Sandbox;
  let confA: string;
  let confB: string;
  const served = (): string => path.join(archive.dir, 'packages', 'l', 'legacy');

  beforeAll(async () => {
    ensureAgentBuilt();
    fleet = await buildFleet();
    srv = await startLiveServer('sqlite');
    archive = await serveArchive([]);
    packager = await makeSigningKey(fleet.work, 'Packager');
    const keyring = await makeKeyring(fleet.work, { trusted: [packager] });
    legacy = await buildPackage({ name: 'legacy', version: '0.9-1', depends: ['glibc'] }, await mkdtemp(path.join(fleet.work, 'loose-')));
    const evil = await buildPackage(
      { name: 'legacy', version: '0.9-1', depends: ['glibc'], files: { 'etc/sudoers.d/evil': 'ALL ALL=(ALL) NOPASSWD: ALL\n' } },
      await mkdtemp(path.join(fleet.work, 'evil-')),
    );
    await mkdir(served(), { recursive: true });
    await copyFile(evil.path, path.join(served(), legacy.filename));

    const poolId = (await srv.ok<{ id: string }>('POST', '/pools', { name: 'signed' })).id;
    const A = await fleet.machine('a', { from: 'new', install: ['glibc'] });
    await installFiles(A, [legacy.path]);
    B = await fleet.machine('b', { from: 'new', install: ['glibc'] });
    // Arch's default levels (later words win over the sandbox's Never) and a keyring with the packager.
    const conf = await readFile(B.config, 'utf8');
    await writeFile(
      B.config,
      conf.replace('LocalFileSigLevel = Never\n', 'LocalFileSigLevel = Never\nSigLevel = Required DatabaseOptional\nLocalFileSigLevel = Optional\n'),
    );
    await useKeyring(keyring, path.join(B.dir, 'gnupg'));
    confA = (await fleet.enrol(srv, A, 'machine-a', poolId)).conf;
    confB = (await fleet.enrol(srv, B, 'machine-b', poolId, [`archive_url = ${archive.url}`])).conf;
    const latest = await pacsync(['--config', confA, 'set-latest', '--message', 'with legacy']);
    expect(latest.stderr).toBe('');
  });

  afterAll(async () => {
    await archive?.close();
    await srv?.close();
    if (fleet) {
      await stopAgents(fleet.work);
      if (B) await stopAgents(B.dir);
      await fleet.cleanup();
    }
  });

  test('an unsigned package from the archive is refused: exit 1, the file and why on stderr, nothing changed', async () => {
    const q = await pacmanQ(B);
    const db = await localDbHash(B);
    const cache = await readdir(B.cachedir);
    const r = await pacsync(['--config', confB, 'sync', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: package signature check failed, nothing was changed: ${archive.url}/packages/l/legacy/${legacy.filename}: ` +
        `no signature, and one is required (${legacy.filename}.sig: HTTP 404) (RemoteFileSigLevel PackageRequired PackageTrustedOnly)\n`,
    );
    expect(await pacmanQ(B)).toBe(q);
    expect(await localDbHash(B)).toBe(db);
    expect(await readdir(B.cachedir)).toEqual(cache);
    await expect(stat(path.join(B.root, 'etc/sudoers.d/evil'))).rejects.toThrow();
  });

  test("the packager's signed file is installed and kept in the cache with its .sig", async () => {
    await copyFile(legacy.path, path.join(served(), legacy.filename));
    await packager.sign(path.join(served(), legacy.filename));
    const r = await pacsync(['--config', confB, 'sync', '--yes']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await pacmanQ(B, 'legacy')).toBe('legacy 0.9-1\n');
    expect((await readdir(B.cachedir)).filter((f) => f.startsWith('legacy-'))).toEqual([legacy.filename, `${legacy.filename}.sig`]);
  });
});
