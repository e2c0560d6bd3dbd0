// Archive downloads are installed only when their signature satisfies the machine's own levels
// (Arch's default: `SigLevel = Required DatabaseOptional`, `LocalFileSigLevel = Optional`, so a
// download falls under Required), with the real pacman on sandbox roots and the archive on
// 127.0.0.1. A refused file changes nothing: `pacman -Q`, the local database and the package cache
// are as before, no transaction was started, and the file is not kept anywhere. The same holds for
// a download larger than `[pacman] max_download_size`.
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../../src/agent/config.js';
import { applyPlan } from '../../../src/agent/pacman/executor.js';
import { executorContext, type ExecutorContext } from '../../../src/agent/pacman/executor-context.js';
import { readCurrentState } from '../../../src/agent/pacman/machine-state.js';
import { preparePlan } from '../../../src/agent/pacman/plan-preparation.js';
import type { PackageStateData } from '../../../src/core/package-state.js';
import { planSync } from '../../../src/core/plan.js';
import { serveArchive, type ArchiveServer } from '../../support/package-archive.js';
import { makeKeyring, makeSigningKey, stopAgents, useKeyring, type SigningKey } from '../../support/package-signing.js';
import {
  buildPackage,
  buildRepo,
  createSandbox,
  installFiles,
  installPackages,
  localDbHash,
  pacmanQ,
  sandboxSkipReason,
  syncDatabases,
  type BuiltPackage,
  type Repo,
  type Sandbox,
} from '../../support/pacman-sandbox.js';
import { missingTools } from '../../support/tools.js';

const skip = sandboxSkipReason({ needRoot: true }) ?? missingTools('gpg', 'gpgconf', 'pacman-key');

const ARCH_DEFAULT = ['SigLevel = Required DatabaseOptional', 'LocalFileSigLevel = Optional'];

let work: string;
let repo: Repo;
let keyring: string;
let packager: SigningKey;
let untrusted: SigningKey;
let stranger: SigningKey;
/** Only in the archive; depends on the glibc every machine has. */
let legacy: BuiltPackage;
/** Same name and version, carrying a sudoers file. */
let evil: BuiltPackage;
let target: PackageStateData;

/** A machine with glibc installed (under SigLevel = Never), then given `levels` and the keyring. */
async function machine(levels: string[]): Promise<Sandbox> {
  const sb = await createSandbox({ dir: await mkdtemp(path.join(work, 'm-')), repos: [repo] });
  await syncDatabases(sb);
  await installPackages(sb, ['glibc']);
  const conf = await readFile(sb.config, 'utf8');
  // Later words win over the sandbox's `Never` (pacman applies them in order).
  await writeFile(sb.config, conf.replace('LocalFileSigLevel = Never\n', `LocalFileSigLevel = Never\n${levels.join('\n')}\n`));
  await useKeyring(keyring, path.join(sb.dir, 'gnupg'));
  return sb;
}

const ctxFor = (sb: Sandbox, archiveUrl: string, mirrors: string[] = []): ExecutorContext => ({
  pacman: {
    command: 'pacman',
    root: sb.root,
    dbpath: sb.dbpath,
    configPath: sb.config,
    cacheDir: sb.cachedir,
    useSudo: false,
    archiveUrl,
    archiveMirrors: mirrors,
  },
  timeoutMs: 5000,
  interactive: false,
});

/** An archive serving `pkg` with `sig` (a .sig file, or none) beside it. */
async function archiveWith(pkg: BuiltPackage, sig: string | null): Promise<ArchiveServer> {
  const archive = await serveArchive([]);
  const dir = path.join(archive.dir, 'packages', 'l', 'legacy');
  await mkdir(dir, { recursive: true });
  await copyFile(pkg.path, path.join(dir, legacy.filename));
  if (sig !== null) await copyFile(sig, path.join(dir, `${legacy.filename}.sig`));
  return archive;
}

/** A detached signature of `pkg` by `key`, kept apart from the package. */
async function signature(key: SigningKey, pkg: BuiltPackage): Promise<string> {
  return key.sign(pkg.path, path.join(await mkdtemp(path.join(work, 'sig-')), `${pkg.filename}.sig`));
}

interface Snapshot {
  q: string;
  db: string;
  cache: string[];
}
const snapshot = async (sb: Sandbox): Promise<Snapshot> => ({
  q: await pacmanQ(sb),
  db: await localDbHash(sb),
  cache: (await readdir(sb.cachedir)).sort(),
});
const transactions = async (sb: Sandbox): Promise<number> =>
  (await readFile(sb.logFile, 'utf8').catch(() => '')).split('\n').filter((l) => l.includes('transaction started')).length;

async function sync(sb: Sandbox, ctx: ExecutorContext) {
  const plan = planSync(await readCurrentState(ctx), target, { packages: ['legacy'] });
  const prepared = await preparePlan(plan, ctx, { source: target });
  return { prepared, result: await applyPlan(prepared, ctx) };
}

/** The sync is refused before any transaction, with `message`, and the machine is untouched. */
async function expectRefused(sb: Sandbox, ctx: ExecutorContext, message: RegExp): Promise<void> {
  const before = await snapshot(sb);
  const log = await transactions(sb);
  const err = await sync(sb, ctx).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(Error);
  expect((err as Error).message).toMatch(/^package signature check failed, nothing was changed: /);
  expect((err as Error).message).toMatch(message);
  expect((err as { exitCode?: number }).exitCode).toBe(1);
  expect(await snapshot(sb)).toEqual(before);
  expect(await transactions(sb)).toBe(log);
  await expect(stat(path.join(sb.root, 'etc/sudoers.d/evil'))).rejects.toThrow();
}

describe.skipIf(skip)('signatures of archive downloads, with the real pacman', () => {
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'pacsync-exec-sig-'));
    [packager, untrusted, stranger] = (await Promise.all(['Packager', 'Untrusted', 'Stranger'].map((n) => makeSigningKey(work, n)))) as [
      SigningKey,
      SigningKey,
      SigningKey,
    ];
    keyring = await makeKeyring(work, { trusted: [packager], untrusted: [untrusted] });
    repo = await buildRepo({ dir: path.join(work, 'repo'), name: 'core', packages: [{ name: 'glibc', version: '2.39-1' }] });
    legacy = await buildPackage({ name: 'legacy', version: '0.9-1', depends: ['glibc'] }, await mkdtemp(path.join(work, 'loose-')));
    evil = await buildPackage(
      { name: 'legacy', version: '0.9-1', depends: ['glibc'], files: { 'etc/sudoers.d/evil': 'ALL ALL=(ALL) NOPASSWD: ALL\n' } },
      await mkdtemp(path.join(work, 'evil-')),
    );
    const A = await createSandbox({ dir: path.join(work, 'target'), repos: [repo] });
    await syncDatabases(A);
    await installPackages(A, ['glibc']);
    await installFiles(A, [legacy.path]);
    target = await readCurrentState(ctxFor(A, 'http://127.0.0.1:9'));
  });

  afterAll(async () => {
    if (!work) return;
    await stopAgents(work);
    for (const d of await readdir(work)) if (d.startsWith('m-')) await stopAgents(path.join(work, d));
    await rm(work, { recursive: true, force: true });
  });

  test('signed by a trusted packager: installed, and kept in the package cache with its .sig', async () => {
    const sig = await signature(packager, legacy);
    const archive = await archiveWith(legacy, sig);
    try {
      const B = await machine(ARCH_DEFAULT);
      const { prepared } = await sync(B, ctxFor(B, archive.url));
      expect(prepared.items.map((i) => [i.name, i.source.kind, i.signature?.status])).toEqual([['legacy', 'archive', 'verified']]);
      expect(archive.requests).toContain(`GET /packages/l/legacy/${legacy.filename}.sig`);
      expect(await pacmanQ(B, 'legacy')).toBe('legacy 0.9-1\n');
      expect((await readFile(path.join(B.cachedir, legacy.filename))).equals(await readFile(legacy.path))).toBe(true);
      expect((await readFile(path.join(B.cachedir, `${legacy.filename}.sig`))).equals(await readFile(sig))).toBe(true);
    } finally {
      await archive.close();
    }
  });

  test('unsigned under Required: refused, naming the file and why; nothing changed, nothing cached', async () => {
    const archive = await archiveWith(legacy, null);
    try {
      const B = await machine(ARCH_DEFAULT);
      await expectRefused(
        B,
        ctxFor(B, archive.url),
        new RegExp(
          `/packages/l/legacy/${legacy.filename}: no signature, and one is required \\(${legacy.filename}\\.sig: ` +
            `HTTP 404\\) \\(RemoteFileSigLevel PackageRequired PackageTrustedOnly\\)$`,
        ),
      );
    } finally {
      await archive.close();
    }
  });

  test('signed by a key not in the keyring, or one not locally signed: refused', async () => {
    for (const [key, why] of [
      [stranger, 'which is not in the pacman keyring'],
      [untrusted, 'which is not trusted in the pacman keyring'],
    ] as const) {
      const archive = await archiveWith(legacy, await signature(key, legacy));
      try {
        const B = await machine(ARCH_DEFAULT);
        await expectRefused(B, ctxFor(B, archive.url), new RegExp(`${legacy.filename}: signed with key [0-9A-F]+, ${why}`));
      } finally {
        await archive.close();
      }
    }
  });

  test("a tampered package beside the packager's real signature: refused, its sudoers file never lands", async () => {
    const archive = await archiveWith(evil, await signature(packager, legacy));
    try {
      const B = await machine(ARCH_DEFAULT);
      await expectRefused(B, ctxFor(B, archive.url), /bad signature by key [0-9A-F]+ \(the file is not what was signed\)/);
    } finally {
      await archive.close();
    }
  });

  test('RemoteFileSigLevel = Optional and no signature: installed, but not kept in the cache', async () => {
    const archive = await archiveWith(legacy, null);
    try {
      const B = await machine([...ARCH_DEFAULT, 'RemoteFileSigLevel = Optional']);
      const { prepared } = await sync(B, ctxFor(B, archive.url));
      expect(prepared.items[0]?.signature).toEqual({ status: 'unsigned' });
      expect(await pacmanQ(B, 'legacy')).toBe('legacy 0.9-1\n');
      expect(await readdir(B.cachedir)).not.toContain(legacy.filename);
    } finally {
      await archive.close();
    }
  });

  test("archive_url unsigned, a mirror signed: the mirror's verified file is installed", async () => {
    const unsigned = await archiveWith(legacy, null);
    const mirror = await archiveWith(legacy, await signature(packager, legacy));
    try {
      const B = await machine(ARCH_DEFAULT);
      const { prepared } = await sync(B, ctxFor(B, unsigned.url, [mirror.url]));
      expect(prepared.items[0]?.source).toEqual({ kind: 'archive', url: `${mirror.url}/packages/l/legacy/${legacy.filename}`, fallbacks: [] });
      expect(await pacmanQ(B, 'legacy')).toBe('legacy 0.9-1\n');
    } finally {
      await unsigned.close();
      await mirror.close();
    }
  });

  test('a download larger than [pacman] max_download_size: the version is unavailable, naming the limit; nothing changed', async () => {
    const archive = await archiveWith(legacy, await signature(packager, legacy));
    try {
      const B = await machine(ARCH_DEFAULT);
      const home = await mkdtemp(path.join(work, 'home-'));
      const env = { ...B.env, PACSYNC_PACMAN_USE_SUDO: 'false', PACSYNC_PACMAN_ARCHIVE_URL: archive.url, PACSYNC_PACMAN_MAX_DOWNLOAD_SIZE: '100' };
      const ctx = executorContext(loadConfig({ home, env }), { interactive: false });
      const before = await snapshot(B);
      const err = await sync(B, ctx).catch((e: unknown) => e);
      expect((err as Error).message).toBe('not available in the sync databases, the package cache or the archive: legacy 0.9-1');
      expect((err as { missing: { tried: string[] }[] }).missing[0]?.tried).toContain(
        `${archive.url}/packages/l/legacy/${legacy.filename}: larger than the 100 bytes download limit`,
      );
      expect(await snapshot(B)).toEqual(before);
    } finally {
      await archive.close();
    }
  });
});
