// The executor against the real pacman in sandbox roots. Machine A (the target) was set up from an
// up-to-date mirror, plus a package found only in a package cache and one only in the archive;
// machine B is older (older versions, missing packages, two extras of its own) and its sync
// database is stale: its mirror moved on after B's last `pacman -Sy`. `pacman -Q` is the referee.
import { chmod, mkdir, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile, copyFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../../src/agent/config.js';
import { applyPlan } from '../../../src/agent/pacman/executor.js';
import { executorContext, type ExecutorContext } from '../../../src/agent/pacman/executor-context.js';
import { PacmanFailure, StepsStopped, VersionUnavailableError } from '../../../src/agent/pacman/executor-errors.js';
import { readCurrentState } from '../../../src/agent/pacman/machine-state.js';
import { preparePlan, resolvePlan } from '../../../src/agent/pacman/plan-preparation.js';
import type { ProgressEvent } from '../../../src/agent/pacman/plan-types.js';
import type { PackageStateData } from '../../../src/core/package-state.js';
import { planRevert, planSync, type PlanOptions } from '../../../src/core/plan.js';
import { serveArchive } from '../../support/package-archive.js';
import {
  addToCache,
  backdate,
  buildPackage,
  buildRepo,
  createSandbox,
  installFiles,
  installPackages,
  localDbHash,
  pacman,
  pacmanQ,
  pacmanSl,
  sandboxSkipReason,
  syncDatabases,
  type BuiltPackage,
  type PackageSpec,
  type Repo,
  type Sandbox,
  type SandboxOptions,
} from '../../support/pacman-sandbox.js';

const skip = sandboxSkipReason({ needRoot: true });
const exec = promisify(execFile);

const OLD: PackageSpec[] = [
  { name: 'glibc', version: '2.38-1' },
  { name: 'zlib', version: '1:1.3-1' },
  { name: 'openssl', version: '3.1-1', depends: ['glibc'] },
  { name: 'curl', version: '8.5-1', depends: ['openssl', 'zlib'] },
  { name: 'kernel', version: '6.1-1' },
  { name: 'extra-tool', version: '1.0-1', depends: ['helper-lib'] },
  { name: 'helper-lib', version: '1.0-1' },
];
const NEW: PackageSpec[] = [
  { name: 'glibc', version: '2.39-1' },
  { name: 'zlib', version: '1:1.3.1-1' },
  { name: 'openssl', version: '3.2-1', depends: ['glibc>=2.39'] },
  { name: 'curl', version: '8.6-1', depends: ['openssl>=3.2', 'zlib>=1:1.3.1'] },
  { name: 'kernel', version: '6.2-1' },
  { name: 'editor', version: '2.0-1', arch: 'any', depends: ['glibc'] },
];
/** Unchanged between the two mirror snapshots: the same files are in both. */
const UNCHANGED = ['extra-tool', 'helper-lib'];

let work: string;
let repoOld: Repo;
let repoNew: Repo;
/** Only in a package cache. */
let fontpkg: BuiltPackage;
/** Only in the archive. */
let legacy: BuiltPackage;
/** Newer than the target's glibc (for downgrades). */
let glibcNewer: BuiltPackage;
/** Conflicts with extra-tool. */
let toolNg: BuiltPackage;
/** Depends on something nothing provides. */
let needsZzz: BuiltPackage;
/** Holds a file curl owns. */
let clash: BuiltPackage;
let A: Sandbox;
let stateA: PackageStateData;
let qA: string;

const lines = (s: string): string[] => s.split('\n').filter((l) => l !== '');
const sorted = (ls: string[]): string => `${[...ls].sort().join('\n')}\n`;

function ctxFor(sb: Sandbox, pacmanExtra: Partial<ExecutorContext['pacman']> = {}, extra: Partial<ExecutorContext> = {}): ExecutorContext {
  return {
    pacman: {
      command: 'pacman',
      root: sb.root,
      dbpath: sb.dbpath,
      configPath: sb.config,
      cacheDir: sb.cachedir,
      useSudo: false,
      archiveUrl: null,
      ...pacmanExtra,
    },
    timeoutMs: 5000,
    interactive: false,
    ...extra,
  };
}

/**
 * Machine B: `pacman -S curl kernel extra-tool` from the old mirror (dependencies pulled in as
 * such, files kept in B's cache as pacman does), then the mirror moves on to the new packages.
 */
async function machineB(opts: Omit<SandboxOptions, 'repos' | 'dir'> & { cache?: BuiltPackage[] } = {}): Promise<Sandbox> {
  const dir = await mkdtemp(path.join(work, 'b-'));
  const mirror = path.join(dir, 'mirror');
  await symlink(repoOld.dir, mirror);
  const sb = await createSandbox({ ...opts, dir, repos: [{ ...repoOld, server: `file://${mirror}` }] });
  await syncDatabases(sb);
  await installPackages(sb, ['curl', 'kernel', 'extra-tool']);
  await rm(mirror);
  await symlink(repoNew.dir, mirror);
  if (opts.cache) await addToCache(sb, opts.cache);
  return sb;
}

const transactions = async (sb: Sandbox): Promise<number> =>
  (await readFile(sb.logFile, 'utf8').catch(() => '')).split('\n').filter((l) => l.includes('[ALPM] transaction started')).length;

async function sync(sb: Sandbox, ctx: ExecutorContext, options: PlanOptions = {}, onProgress?: (e: ProgressEvent) => void) {
  const before = await readCurrentState(ctx);
  const plan = planSync(before, stateA, options);
  const prepared = await preparePlan(plan, ctx, { source: stateA });
  const result = await applyPlan(prepared, ctx, onProgress);
  return { before, plan, prepared, result };
}

describe.skipIf(skip)('executor with the real pacman', () => {
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'pacsync-executor-'));
    repoOld = await buildRepo({ dir: path.join(work, 'repo-old'), name: 'core', packages: OLD });
    repoNew = await buildRepo({ dir: path.join(work, 'repo-new'), name: 'core', packages: NEW });
    const same = repoOld.packages.filter((p) => UNCHANGED.includes(p.spec.name));
    for (const p of same) await copyFile(p.path, path.join(repoNew.dir, p.filename));
    await exec('repo-add', ['-q', repoNew.dbFile, ...same.map((p) => path.join(repoNew.dir, p.filename))]);
    // B's stale database must look older to `pacman -Sy` than the new mirror's (see backdate).
    await backdate(repoOld, 3600);
    const loose = path.join(work, 'loose');
    await mkdir(loose);
    fontpkg = await buildPackage({ name: 'fontpkg', version: '1.5-1', arch: 'any' }, loose);
    legacy = await buildPackage({ name: 'legacy', version: '0.9-1', depends: ['glibc'] }, loose);
    glibcNewer = await buildPackage({ name: 'glibc', version: '2.40-1' }, loose);
    toolNg = await buildPackage({ name: 'tool-ng', version: '1.0-1', conflicts: ['extra-tool'], provides: ['extra-tool=1.0-1'] }, loose);
    needsZzz = await buildPackage({ name: 'needs-zzz', version: '1.0-1', depends: ['zzz>=2'] }, loose);
    clash = await buildPackage({ name: 'clash', version: '1.0-1', files: { 'usr/share/curl/README': 'mine\n' } }, loose);

    A = await createSandbox({ dir: path.join(work, 'a'), repos: [repoNew] });
    await syncDatabases(A);
    await installPackages(A, ['curl', 'kernel', 'editor']);
    await installFiles(A, [fontpkg.path, legacy.path]);
    stateA = await readCurrentState(ctxFor(A));
    qA = await pacmanQ(A);
  });

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  test("sync: B ends with exactly A's packages and install reasons, in one pacman transaction", async () => {
    const archive = await serveArchive([legacy]);
    try {
      const B = await machineB({ cache: [fontpkg] });
      const ctx = ctxFor(B, { archiveUrl: archive.url });
      const events: ProgressEvent[] = [];
      const txBefore = await transactions(B);
      const { prepared, result } = await sync(B, ctx, {}, (e) => events.push(e));

      // B's own extras stay (remove_extra is off); everything else is A's.
      expect(await pacmanQ(B)).toBe(sorted([...lines(qA), 'extra-tool 1.0-1', 'helper-lib 1.0-1']));
      expect(await pacmanQ(B, '-qe')).toBe(sorted([...lines(await pacmanQ(A, '-qe')), 'extra-tool']));
      expect(await pacmanQ(B, '-qd')).toBe(sorted([...lines(await pacmanQ(A, '-qd')), 'helper-lib']));
      expect(await transactions(B)).toBe(txBefore + 1);

      // The stale database was refreshed; each version came from where it could be had.
      expect(prepared.refreshed).toBe(true);
      const kinds = Object.fromEntries(prepared.items.map((i) => [i.name, i.source.kind]));
      expect(kinds).toEqual({
        curl: 'repository',
        editor: 'repository',
        glibc: 'repository',
        kernel: 'repository',
        openssl: 'repository',
        zlib: 'repository',
        fontpkg: 'cache',
        legacy: 'archive',
      });
      expect(result.steps).toEqual(['transaction']);
      expect(result.snapshots).toBeNull();

      // Progress: every package named as it is processed, ending at 100 %.
      const named = new Set(events.filter((e) => e.step === 'transaction').map((e) => e.package));
      for (const name of Object.keys(kinds)) expect(named.has(name)).toBe(true);
      const last = events[events.length - 1] as ProgressEvent;
      expect(last).toMatchObject({ percent: 100, done: 8, total: 8 });
      expect(events.map((e) => e.percent)).toEqual([...events.map((e) => e.percent)].sort((a, b) => a - b));
    } finally {
      await archive.close();
    }
  });

  test("a mirror database replaced within the second of the machine's copy: pacman -Sy keeps the stale copy, the executor forces -Syy", async () => {
    const B = await machineB({ cache: [fontpkg] });
    // Today's mirror, its database carrying the very time of B's copy — what two databases
    // written within one second look like to pacman (If-Modified-Since, to the second).
    const same = path.join(B.dir, 'repo-same');
    await exec('cp', ['-a', repoNew.dir, same]);
    const t = (await stat(repoOld.dbFile)).mtime;
    await utimes(path.join(same, path.basename(repoNew.dbFile)), t, t);
    const mirror = path.join(B.dir, 'mirror');
    await rm(mirror);
    await symlink(same, mirror);
    // pacman's own refresh sees nothing new (the reference behaviour this guards against).
    await pacman(B, ['-Sy']);
    expect(await pacmanSl(B, 'core')).toContain('core glibc 2.38-1');

    const { prepared } = await sync(B, ctxFor(B), { exclude: ['legacy'] });
    expect(prepared.refreshed).toBe(true);
    expect(
      prepared.items
        .filter((i) => i.source.kind === 'repository')
        .map((i) => i.name)
        .sort(),
    ).toEqual(['curl', 'editor', 'glibc', 'kernel', 'openssl', 'zlib']);
    expect(await pacmanSl(B, 'core')).toContain('core glibc 2.39-1');
    expect(await pacmanQ(B)).toBe(sorted([...lines(qA).filter((l) => !l.startsWith('legacy ')), 'extra-tool 1.0-1', 'helper-lib 1.0-1']));
  });

  test('stopped during the transaction: pacman finishes it, the removal step after it never starts', async () => {
    const B = await machineB({ cache: [fontpkg] });
    const stop = new AbortController();
    const ctx = ctxFor(B, {}, { signal: stop.signal });
    const plan = planSync(await readCurrentState(ctx), stateA, { remove_extra: true, exclude: ['legacy'] });
    const prepared = await preparePlan(plan, ctx, { source: stateA });
    const txBefore = await transactions(B);
    // The agent is asked to stop while pacman is at work on the first package.
    const err = await applyPlan(prepared, ctx, (e) => {
      if (e.step === 'transaction' && e.package !== null) stop.abort();
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StepsStopped);
    expect(err).toMatchObject({ completed: ['transaction'], skipped: ['remove'], exitCode: 1 });
    expect((err as Error).message).toBe('stopped after the transaction (pacman -U), which pacman finished; not run: removals (pacman -R)');
    // Every package of the transaction is A's; the extras the removal would have taken remain.
    expect(await pacmanQ(B)).toBe(sorted([...lines(qA).filter((l) => !l.startsWith('legacy ')), 'extra-tool 1.0-1', 'helper-lib 1.0-1']));
    expect(await transactions(B)).toBe(txBefore + 1);
    const log = await readFile(B.logFile, 'utf8');
    expect(log).not.toContain('transaction interrupted');
    expect(log.split('\n').filter((l) => l.includes('[ALPM] transaction completed'))).toHaveLength(txBefore + 1);
  });

  test('a version only in the package cache is installed from it with -U', async () => {
    const B = await machineB({ cache: [fontpkg] });
    const ctx = ctxFor(B);
    const { prepared } = await sync(B, ctx, { packages: ['fontpkg'] });
    expect(prepared.items.map((i) => [i.name, i.source.kind, i.file])).toEqual([['fontpkg', 'cache', path.join(B.cachedir, fontpkg.filename)]]);
    expect(await pacmanQ(B, 'fontpkg')).toBe('fontpkg 1.5-1\n');
  });

  test("a repository version already in pacman.conf's CacheDir (not the agent's cache_dir) is installed from there", async () => {
    // pacman gets both directories; libalpm's -Sw does not download what one of them holds.
    const kernelNew = repoNew.packages.find((p) => p.spec.name === 'kernel') as BuiltPackage;
    const B = await machineB({ cache: [kernelNew] });
    const agentCache = await mkdtemp(path.join(work, 'agent-cache-'));
    const { prepared } = await sync(B, ctxFor(B, { cacheDir: agentCache }), { packages: ['kernel'] });
    expect(prepared.items.map((i) => [i.name, i.source.kind, i.file])).toEqual([['kernel', 'repository', path.join(B.cachedir, kernelNew.filename)]]);
    expect(await pacmanQ(B, 'kernel')).toBe('kernel 6.2-1\n');
  });

  test('a version only in the archive (127.0.0.1, Arch Linux Archive layout) is downloaded, checked and installed', async () => {
    const archive = await serveArchive([legacy]);
    try {
      const B = await machineB();
      const { prepared } = await sync(B, ctxFor(B, { archiveUrl: archive.url }), { packages: ['legacy'] });
      // The target's glibc comes along (a dependency of legacy), from the repository.
      expect(prepared.items.map((i) => [i.name, i.source.kind])).toEqual([
        ['legacy', 'archive'],
        ['glibc', 'repository'],
      ]);
      expect(archive.requests).toContain(`GET /packages/l/legacy/${legacy.filename}`);
      expect(await pacmanQ(B, 'legacy')).toBe('legacy 0.9-1\n');
      // Not verified (the sandbox's SigLevel is Never), so not kept in the package cache (verified
      // downloads are: executor-signatures.test.ts); the staging directory is gone.
      await expect(stat(path.join(B.cachedir, legacy.filename))).rejects.toThrow();
      await expect(readFile(prepared.items[0]?.file as string)).rejects.toThrow();
    } finally {
      await archive.close();
    }
  });

  test("an archive answering with an error page is not trusted: the mirror's real file is installed", async () => {
    // A captive portal: 200 and an HTML page for everything.
    const portal = await serveArchive([], (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(req.method === 'HEAD' ? undefined : '<html><body>Please log in</body></html>\n');
      return true;
    });
    const mirror = await serveArchive([legacy]);
    try {
      const B = await machineB();
      const home = await mkdtemp(path.join(work, 'home-'));
      const env = { ...B.env, PACSYNC_PACMAN_USE_SUDO: 'false', PACSYNC_PACMAN_ARCHIVE_URL: portal.url, PACSYNC_PACMAN_ARCHIVE_MIRRORS: mirror.url };
      const ctx = executorContext(loadConfig({ home, env }));
      const { prepared } = await sync(B, ctx, { packages: ['legacy'] });
      expect(prepared.items.find((i) => i.name === 'legacy')?.source).toEqual({
        kind: 'archive',
        url: `${mirror.url}/packages/l/legacy/${legacy.filename}`,
        fallbacks: [],
      });
      expect(await pacmanQ(B, 'legacy')).toBe('legacy 0.9-1\n');
      expect(() => executorContext(loadConfig({ home, env: { ...env, PACSYNC_PACMAN_ARCHIVE_MIRRORS: 'ftp://old.example' } }))).toThrow(
        "[pacman] archive_mirrors: 'ftp://old.example' is not an http(s) or file URL",
      );
    } finally {
      await portal.close();
      await mirror.close();
    }
  });

  test('a version available nowhere fails before anything changes, naming it', async () => {
    const archive = await serveArchive([]); // answers 404
    try {
      const B = await machineB(); // fontpkg not in its cache
      const ctx = ctxFor(B, { archiveUrl: archive.url });
      const hash = await localDbHash(B);
      const q = await pacmanQ(B);
      const plan = planSync(await readCurrentState(ctx), stateA);
      const err = await preparePlan(plan, ctx, { source: stateA }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VersionUnavailableError);
      const e = err as VersionUnavailableError;
      expect(e.message).toContain('fontpkg 1.5-1');
      expect(e.message).toContain('legacy 0.9-1');
      expect(e.missing.map((m) => m.name)).toEqual(['fontpkg', 'legacy']);
      expect(e.missing[0]?.tried.join('\n')).toContain(`archive ${archive.url}: HTTP 404`);
      expect(e.exitCode).toBe(1);
      expect(await localDbHash(B)).toBe(hash);
      expect(await pacmanQ(B)).toBe(q);
      // The read-only resolution says the same.
      await expect(resolvePlan(plan, ctx, { source: stateA })).rejects.toThrow(/fontpkg 1\.5-1/);
    } finally {
      await archive.close();
    }
  });

  test('resolve and prepare alone change no installed package', async () => {
    const B = await machineB({ cache: [fontpkg] });
    const ctx = ctxFor(B);
    const hash = await localDbHash(B);
    const q = await pacmanQ(B);
    const plan = planSync(await readCurrentState(ctx), stateA, { packages: ['curl', 'editor', 'fontpkg'], remove_extra: true });
    // Read only: B's database is stale, so the new versions are those a refresh should bring.
    const resolved = await resolvePlan(plan, ctx, { source: stateA });
    expect(resolved.refresh_recommended).toBe(true);
    expect(resolved.items.map((i) => [i.name, i.source.kind])).toEqual([['fontpkg', 'cache']]);
    expect(resolved.after_refresh.map((i) => `${i.name} ${i.version}`).sort()).toEqual([
      'curl 8.6-1',
      'editor 2.0-1',
      'glibc 2.39-1',
      'openssl 3.2-1',
      'zlib 1:1.3.1-1',
    ]);
    const prepared = await preparePlan(plan, ctx, { source: stateA });
    expect(prepared.items.map((i) => i.name).sort()).toEqual(['curl', 'editor', 'fontpkg', 'glibc', 'openssl', 'zlib']);
    expect(await localDbHash(B)).toBe(hash);
    expect(await pacmanQ(B)).toBe(q);
  });

  test('remove_extra removes the extra explicit package and the dependency only it needed; without it both stay', async () => {
    const B = await machineB({ cache: [fontpkg] });
    const { plan, result } = await sync(B, ctxFor(B), { remove_extra: true, exclude: ['legacy'] });
    expect(plan.packages_to_remove.map((e) => e.name)).toEqual(['extra-tool', 'helper-lib']);
    expect(result.removed).toEqual(['extra-tool', 'helper-lib']);
    expect(result.steps).toEqual(['transaction', 'remove']);
    expect(await pacmanQ(B)).toBe(sorted(lines(qA).filter((l) => !l.startsWith('legacy '))));

    const B2 = await machineB({ cache: [fontpkg] });
    await sync(B2, ctxFor(B2), { exclude: ['legacy'] });
    expect(lines(await pacmanQ(B2))).toEqual(expect.arrayContaining(['extra-tool 1.0-1', 'helper-lib 1.0-1']));
  });

  test('HoldPkg is never removed, nor what it needs', async () => {
    const B = await machineB({ cache: [fontpkg], holdPkg: ['extra-*'] });
    const { prepared, result } = await sync(B, ctxFor(B), { remove_extra: true, exclude: ['legacy'] });
    expect(prepared.held.sort()).toEqual(['extra-tool', 'helper-lib']);
    expect(result.removed).toEqual([]);
    expect(lines(await pacmanQ(B))).toEqual(expect.arrayContaining(['extra-tool 1.0-1', 'helper-lib 1.0-1']));
  });

  test("a forced downgrade installs the target's older version", async () => {
    const B = await machineB({ cache: [fontpkg] });
    await installFiles(B, [glibcNewer.path]);
    const ctx = ctxFor(B);
    const blocked = planSync(await readCurrentState(ctx), stateA, { exclude: ['legacy'] });
    expect(blocked.blocked).toBe(true);
    const { plan } = await sync(B, ctx, { force: true, exclude: ['legacy'] });
    expect(plan.packages_to_downgrade.map((e) => `${e.name} ${e.from_version} -> ${e.to_version}`)).toEqual(['glibc 2.40-1 -> 2.39-1']);
    expect(await pacmanQ(B, 'glibc')).toBe('glibc 2.39-1\n');
  });

  test('revert after a sync returns B exactly to where it was (versions and reasons), old versions from the cache', async () => {
    const archive = await serveArchive([legacy]);
    try {
      const B = await machineB({ cache: [fontpkg] });
      const ctx = ctxFor(B, { archiveUrl: archive.url });
      const q = await pacmanQ(B);
      const qe = await pacmanQ(B, '-qe');
      const { before } = await sync(B, ctx, { remove_extra: true });
      expect(await pacmanQ(B)).not.toBe(q);

      const revert = planRevert(await readCurrentState(ctx), before);
      const prepared = await preparePlan(revert, ctx, { source: before });
      const downgrades = prepared.items.filter((i) => i.action === 'downgrade');
      expect(downgrades.map((i) => [i.name, i.version, i.source.kind])).toEqual([
        ['curl', '8.5-1', 'cache'],
        ['glibc', '2.38-1', 'cache'],
        ['kernel', '6.1-1', 'cache'],
        ['openssl', '3.1-1', 'cache'],
        ['zlib', '1:1.3-1', 'cache'],
      ]);
      const result = await applyPlan(prepared, ctx);
      expect(result.steps).toEqual(['transaction', 'reasons', 'remove']);
      expect(await pacmanQ(B)).toBe(q);
      expect(await pacmanQ(B, '-qe')).toBe(qe);
    } finally {
      await archive.close();
    }
  });

  test('IgnorePkg: the package is left alone and reported as excluded', async () => {
    const B = await machineB({ cache: [fontpkg], ignorePkg: ['kern*'] });
    const ctx = ctxFor(B);
    const state = await readCurrentState(ctx);
    expect(state.metadata.excluded_packages).toContain('kern*');
    // A plan made without knowing this machine's IgnorePkg (as a stale server copy would be).
    const plan = planSync({ ...state, metadata: { ...state.metadata, excluded_packages: [] } }, stateA, { exclude: ['legacy'] });
    expect(plan.packages_to_upgrade.map((e) => e.name)).toContain('kernel');
    const prepared = await preparePlan(plan, ctx, { source: stateA });
    expect(prepared.excluded).toEqual([{ name: 'kernel', source: 'ignore_pkg', pattern: 'kern*' }]);
    expect(prepared.plan.excluded_packages).toContain('kernel');
    expect(prepared.plan.packages_to_upgrade.map((e) => e.name)).not.toContain('kernel');
    await applyPlan(prepared, ctx);
    expect(await pacmanQ(B, 'kernel')).toBe('kernel 6.1-1\n');
    expect(await pacmanQ(B, 'curl')).toBe('curl 8.6-1\n');
  });

  test('an upgrade that would need an ignored package upgraded is refused by pacman before any change', async () => {
    const B = await machineB({ cache: [fontpkg] });
    await writeFile(B.config, (await readFile(B.config, 'utf8')).replace('[options]\n', '[options]\nIgnorePkg = glibc\n'));
    const ctx = ctxFor(B);
    const hash = await localDbHash(B);
    const plan = planSync(await readCurrentState(ctx), stateA, { exclude: ['legacy'] });
    expect(plan.excluded_packages).toContain('glibc');
    const err = await preparePlan(plan, ctx, { source: stateA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PacmanFailure);
    expect((err as PacmanFailure).message).toBe(
      'error: failed to prepare transaction (could not satisfy dependencies): ' +
        "unable to satisfy dependency 'glibc>=2.39' required by openssl; unable to satisfy dependency 'openssl>=3.2' required by curl",
    );
    expect(await localDbHash(B)).toBe(hash);
  });

  test('a package conflicting with a planned removal is swapped in one transaction; with a kept one it is refused before any change', async () => {
    const B = await machineB({ cache: [toolNg] });
    const ctx = ctxFor(B);
    const current = await readCurrentState(ctx);
    const { 'extra-tool': _gone, ...rest } = current.packages;
    const target: PackageStateData = {
      ...current,
      packages: {
        ...rest,
        'tool-ng': {
          version: '1.0-1',
          repository: null,
          size: 0,
          dependencies: [],
          install_date: null,
          reason: 'explicit',
          provides: ['extra-tool=1.0-1'],
        },
      },
    };
    const hash = await localDbHash(B);
    const refused = await preparePlan(planSync(current, target), ctx).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PacmanFailure);
    expect((refused as PacmanFailure).message).toBe('error: unresolvable package conflicts detected: tool-ng and extra-tool are in conflict');
    expect(await localDbHash(B)).toBe(hash);

    const txBefore = await transactions(B);
    const prepared = await preparePlan(planSync(current, target, { remove_extra: true }), ctx);
    expect(prepared.conflict_removals).toEqual(['extra-tool']);
    const result = await applyPlan(prepared, ctx);
    expect(result.removed).toEqual(['extra-tool']);
    expect(result.steps).toEqual(['transaction']);
    expect(await transactions(B)).toBe(txBefore + 1);
    // helper-lib is part of the target: it stays.
    expect(lines(await pacmanQ(B)).filter((l) => /^(tool-ng|extra-tool|helper-lib) /.test(l))).toEqual(['helper-lib 1.0-1', 'tool-ng 1.0-1']);
  });

  /** B's current state plus one package (found in B's cache), as a target. */
  async function targetWith(B: Sandbox, ctx: ExecutorContext, pkg: BuiltPackage): Promise<{ current: PackageStateData; target: PackageStateData }> {
    await addToCache(B, [pkg]);
    const current = await readCurrentState(ctx);
    const added = {
      version: pkg.spec.version,
      repository: null,
      size: 0,
      dependencies: pkg.spec.depends ?? [],
      install_date: null,
      reason: 'explicit' as const,
    };
    return { current, target: { ...current, packages: { ...current.packages, [pkg.spec.name]: added } } };
  }

  test("a transaction pacman refuses is caught by --print before anything changes, with pacman's reason", async () => {
    const B = await machineB();
    const ctx = ctxFor(B);
    const { current, target } = await targetWith(B, ctx, needsZzz);
    const hash = await localDbHash(B);
    const err = await preparePlan(planSync(current, target), ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PacmanFailure);
    expect((err as PacmanFailure).message).toBe(
      "error: failed to prepare transaction (could not satisfy dependencies): unable to satisfy dependency 'zzz>=2' required by needs-zzz",
    );
    expect((err as PacmanFailure).step).toBe('confirm');
    expect(await localDbHash(B)).toBe(hash);
  });

  test("a transaction failing in pacman (file conflict) reports pacman's lines; the state reached is re-read", async () => {
    const B = await machineB();
    const ctx = ctxFor(B);
    const { current, target } = await targetWith(B, ctx, clash);
    const prepared = await preparePlan(planSync(current, target), ctx);
    const err = await applyPlan(prepared, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PacmanFailure);
    const f = err as PacmanFailure;
    expect(f.step).toBe('transaction');
    expect(f.message).toMatch(
      /^error: failed to commit transaction \(conflicting files\): .*clash: \/?.*usr\/share\/curl\/README exists in filesystem/,
    );
    expect(f.lines).toContain('error: failed to commit transaction (conflicting files)');
    const reached = await readCurrentState(ctx);
    expect(Object.keys(reached.packages)).not.toContain('clash');
    expect(reached.packages).toEqual(current.packages);
  });

  test("a failing pacman gives a PacmanFailure with pacman's message", async () => {
    const B = await machineB({ cache: [fontpkg] });
    const script = path.join(path.dirname(B.root), 'broken-pacman');
    await writeFile(
      script,
      '#!/bin/sh\necho "resolving dependencies..."\necho "error: failed to init transaction (unable ' +
        'to lock database)" >&2\necho "error: could not lock database: File exists" >&2\nexit 1\n',
    );
    await chmod(script, 0o755);
    const good = ctxFor(B);
    const broken = ctxFor(B, { command: script });
    const plan = planSync(await readCurrentState(good), stateA, { exclude: ['legacy'], packages: ['fontpkg'] });

    const early = await preparePlan(plan, broken).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(PacmanFailure);
    expect(early).toMatchObject({
      step: 'confirm',
      message: 'error: failed to init transaction (unable to lock database): could not lock database: File exists',
    });

    const prepared = await preparePlan(plan, good);
    const err = await applyPlan(prepared, broken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PacmanFailure);
    const f = err as PacmanFailure;
    expect(f.message).toBe('error: failed to init transaction (unable to lock database): could not lock database: File exists');
    expect(f).toMatchObject({ step: 'transaction', status: 1, completed: [], exitCode: 6 });
    expect(f.message).not.toContain('\n');
    expect(await pacmanQ(B, 'fontpkg').catch(() => 'not installed')).toBe('not installed');
  });

  test("snapper with snap-pac: the pre/post snapshot numbers from pacman's hooks are recorded", async () => {
    const B = await machineB({ cache: [fontpkg] });
    // snap-pac's hooks run inside the root (pacman chroots): give it a shell.
    for (const [src, dst] of [
      ['/bin/sh', 'usr/bin/sh'],
      ['/lib/x86_64-linux-gnu/libc.so.6', 'lib/x86_64-linux-gnu/libc.so.6'],
      ['/lib64/ld-linux-x86-64.so.2', 'lib64/ld-linux-x86-64.so.2'],
    ] as const) {
      await mkdir(path.dirname(path.join(B.root, dst)), { recursive: true });
      await copyFile(src, path.join(B.root, dst));
      await chmod(path.join(B.root, dst), 0o755);
    }
    const hooks = path.join(B.root, 'usr/share/libalpm/hooks');
    await mkdir(hooks, { recursive: true });
    const hook = (when: 'Pre' | 'Post', n: number): string =>
      `[Trigger]\nOperation = Upgrade\nOperation = Install\nOperation = Remove\nType = Package\nTarget = *\n\n[Action]\n` +
      `Description = Performing snapper ${when.toLowerCase()} snapshots for the following configurations...\n` +
      `When = ${when}Transaction\nExec = /usr/bin/sh -c 'echo "==> root: ${n}"; echo; echo "==> home: ${n + 100}"'\n`;
    await writeFile(path.join(hooks, '05-snap-pac-pre.hook'), hook('Pre', 41));
    await writeFile(path.join(hooks, 'zz-snap-pac-post.hook'), hook('Post', 42));
    await writeFile(B.config, (await readFile(B.config, 'utf8')).replace('[options]\n', `[options]\nHookDir = ${hooks}\n`));
    const bin = path.join(path.dirname(B.root), 'bin');
    await mkdir(bin);
    await writeFile(path.join(bin, 'snapper'), '#!/bin/sh\nexit 0\n');
    await chmod(path.join(bin, 'snapper'), 0o755);

    const ctx = ctxFor(B, {}, { env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` } });
    const { result } = await sync(B, ctx, { packages: ['fontpkg'] });
    expect(result.snapshots).toEqual([
      { config: 'root', pre: 41, post: 42, step: 'transaction' },
      { config: 'home', pre: 141, post: 142, step: 'transaction' },
    ]);
  });

  test('the context comes from the agent configuration (PACSYNC_PACMAN_* variables)', async () => {
    const B = await machineB({ cache: [fontpkg] });
    const home = await mkdtemp(path.join(work, 'home-'));
    const config = loadConfig({ home, env: { ...B.env, PACSYNC_PACMAN_USE_SUDO: 'false', PACSYNC_CLIENT_EXCLUDE: 'legacy' } });
    const ctx = executorContext(config);
    expect(ctx.pacman).toMatchObject({ root: B.root, dbpath: B.dbpath, configPath: B.config, cacheDir: B.cachedir, useSudo: false });
    const state = await readCurrentState(ctx);
    expect(state.metadata.excluded_packages).toEqual(['legacy']);
    expect(Object.keys(state.packages).sort()).toEqual(lines(await pacmanQ(B, '-q')));
    // The state's own exclusions keep legacy out of the plan.
    await sync(B, ctx);
    expect(await pacmanQ(B)).toBe(sorted([...lines(qA).filter((l) => !l.startsWith('legacy ')), 'extra-tool 1.0-1', 'helper-lib 1.0-1']));
    expect((await pacman(B, ['-Qi', 'legacy'], { allowFailure: true })).code).toBe(1);
  });
});
