// PACMAN SANDBOX: real packages, real repositories and the real pacman, confined to a temp dir.
//
// Agent tests that read or change packages run against this instead of mocks (developers' guide:
// "real pacman against a sandbox root"). Everything is built by the test itself:
//
//   const sb = await makeSandbox({
//     repos: { core: [{ name: 'glibc', version: '2.39-1' }], extra: [{ name: 'foo', version: '1:2.0-3', depends: ['glibc>=2.38'] }] },
//     install: ['foo'],                      // pacman -S --noconfirm foo (pulls glibc)
//   });
//   await pacmanQ(sb);                       // "foo 1:2.0-3\nglibc 2.39-1\n" — the reference output
//   // point the code under test at sb.root / sb.dbpath / sb.config / sb.cachedir (see sb.env)
//   await sb.cleanup();
//
// Pieces, usable separately: buildPackage (a .pkg.tar.zst made with bsdtar + zstd from a
// PackageSpec: .PKGINFO, optional .INSTALL and small files), buildRepo (repo-add into a
// `file://` repository, db compressed as zst/gz/xz/none), createSandbox (root, dbpath, cachedir,
// log, gpg and hook dirs and a pacman.conf naming the repositories), pacman()/pacmanQ()/... (the
// real pacman with --root --dbpath --config --cachedir --noconfirm, LC_ALL=C).
//
// How pacman runs here (Debian pacman 6.0.2, as root): it has no --disable-sandbox (that is
// pacman 7); signature checking is off (SigLevel = Never, LocalFileSigLevel = Never) so no keyring
// is needed; GPGDir, LogFile, HookDir and CacheDir point inside the sandbox so nothing on the host
// is read or written; there are no system hooks on Debian (/usr/share/libalpm/hooks is absent).
// Install scriptlets would need /bin/sh inside the root, so packages with `install` should be
// installed with { noscriptlet: true }. Changing packages needs root (pacman refuses otherwise):
// use sandboxSkipReason() with describe.skipIf.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { missingTools } from './tools.js';
import { mapLimit } from '../../src/agent/map-limit.js';

const exec = promisify(execFile);

/** Tools the sandbox needs. */
export const SANDBOX_TOOLS = ['pacman', 'repo-add', 'bsdtar', 'zstd'] as const;

/**
 * Skip reason for `describe.skipIf(...)`: a missing tool (throws under CI=true, see tools.ts), or
 * not running as root when `needRoot` (installing/removing packages; reading does not need it).
 */
export function sandboxSkipReason(opts: { needRoot?: boolean } = {}): string | null {
  const missing = missingTools(...SANDBOX_TOOLS);
  if (missing) return missing;
  if (opts.needRoot && process.getuid?.() !== 0) {
    const reason = 'skipped: pacman sandbox changes need root';
    if (process.env.CI === 'true') throw new Error(`CI must run as root: ${reason}`);
    return reason;
  }
  return null;
}

/** What goes into a package's .PKGINFO (keys as makepkg writes them). */
export interface PackageSpec {
  name: string;
  /** [epoch:]pkgver-pkgrel */
  version: string;
  base?: string;
  desc?: string;
  url?: string;
  /** Default 'x86_64' (the sandbox's Architecture); 'any' works too. */
  arch?: string;
  /** Unix seconds; default 1700000000 so outputs are reproducible. */
  builddate?: number;
  packager?: string;
  /** Installed size in bytes written to .PKGINFO; default: the byte length of `files`. */
  size?: number;
  licenses?: string[];
  groups?: string[];
  depends?: string[];
  optdepends?: string[];
  makedepends?: string[];
  checkdepends?: string[];
  provides?: string[];
  conflicts?: string[];
  replaces?: string[];
  backup?: string[];
  /**
   * Files inside the package, relative path → content. Default: one small file
   * `usr/share/<name>/README` (unique per package, so no file conflicts). `{}` for none.
   */
  files?: Record<string, string>;
  /** Content of an .INSTALL scriptlet (pacman then reports "Install Script : Yes"). */
  install?: string;
}

export interface BuiltPackage {
  spec: PackageSpec;
  /** Absolute path of the .pkg.tar.zst. */
  path: string;
  /** `<name>-<version>-<arch>.pkg.tar.zst` */
  filename: string;
}

export type DbCompression = 'zst' | 'gz' | 'xz' | 'none';

export interface Repo {
  name: string;
  /** Directory holding the packages and the database. */
  dir: string;
  /** The database file repo-add wrote, e.g. `<dir>/<name>.db.tar.zst` (`<name>.db` links to it). */
  dbFile: string;
  /** `file://<dir>` — the Server line. */
  server: string;
  packages: BuiltPackage[];
}

export interface Sandbox {
  /** The temp dir holding everything below; removed by cleanup(). */
  dir: string;
  root: string;
  dbpath: string;
  cachedir: string;
  /** The sandbox's pacman.conf. */
  config: string;
  logFile: string;
  repos: Repo[];
  /** `--root R --dbpath D --config C --cachedir K`: the options every pacman call gets. */
  pacmanArgs: string[];
  /** PACSYNC_PACMAN_* variables pointing the agent at this sandbox (see src/agent/config.ts). */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export interface PacmanResult {
  stdout: string;
  stderr: string;
  code: number;
}

function pkginfo(spec: PackageSpec, size: number): string {
  // One `key = value` per line; repo-add collapses runs of whitespace, so we write single spaces.
  const lines = ['# Generated by the pacsync test sandbox'];
  const one = (k: string, v: string | number | undefined): void => {
    if (v !== undefined) lines.push(`${k} = ${v}`);
  };
  const many = (k: string, vs: string[] | undefined): void => {
    for (const v of vs ?? []) lines.push(`${k} = ${v}`);
  };
  one('pkgname', spec.name);
  one('pkgbase', spec.base ?? spec.name);
  one('pkgver', spec.version);
  one('pkgdesc', spec.desc ?? `${spec.name} test package`);
  one('url', spec.url ?? `https://example.org/${spec.name}`);
  one('builddate', spec.builddate ?? 1700000000);
  one('packager', spec.packager ?? 'Sandbox Tester <sandbox@example.org>');
  one('size', size);
  one('arch', spec.arch ?? 'x86_64');
  many('license', spec.licenses ?? ['MIT']);
  many('replaces', spec.replaces);
  many('group', spec.groups);
  many('conflict', spec.conflicts);
  many('provides', spec.provides);
  many('backup', spec.backup);
  many('depend', spec.depends);
  many('optdepend', spec.optdepends);
  many('makedepend', spec.makedepends);
  many('checkdepend', spec.checkdepends);
  return `${lines.join('\n')}\n`;
}

/** Builds `<outDir>/<name>-<version>-<arch>.pkg.tar.zst` with bsdtar (zstd). */
export async function buildPackage(spec: PackageSpec, outDir: string): Promise<BuiltPackage> {
  const files = spec.files ?? { [`usr/share/${spec.name}/README`]: `${spec.name} ${spec.version}\n` };
  const stage = await mkdtemp(path.join(outDir, '.stage-'));
  try {
    let bytes = 0;
    for (const [rel, content] of Object.entries(files)) {
      const abs = path.join(stage, rel);
      await mkdir(path.dirname(abs), { recursive: true });
      await writeFile(abs, content);
      bytes += Buffer.byteLength(content);
    }
    await writeFile(path.join(stage, '.PKGINFO'), pkginfo(spec, spec.size ?? bytes));
    const members = ['.PKGINFO'];
    if (spec.install !== undefined) {
      await writeFile(path.join(stage, '.INSTALL'), spec.install);
      members.push('.INSTALL');
    }
    const top = [...new Set(Object.keys(files).map((f) => f.split('/')[0] as string))].sort();
    members.push(...top);
    const filename = `${spec.name}-${spec.version}-${spec.arch ?? 'x86_64'}.pkg.tar.zst`;
    const out = path.join(outDir, filename);
    // -f to a file, not to stdout: bsdtar pads stdout to whole 10 KiB blocks, which corrupts a
    // zstd stream. Owner root, as makepkg's fakeroot would leave it.
    await exec('bsdtar', ['-cf', out, '--zstd', '--uid', '0', '--gid', '0', '-C', stage, ...members]);
    return { spec, path: out, filename };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

const DB_SUFFIX: Record<DbCompression, string> = { zst: '.db.tar.zst', gz: '.db.tar.gz', xz: '.db.tar.xz', none: '.db.tar' };

/** Builds the packages into `dir` and adds them with repo-add to `<dir>/<name>.db.tar.<ext>`. */
export async function buildRepo(opts: { dir: string; name: string; packages: PackageSpec[]; compression?: DbCompression }): Promise<Repo> {
  await mkdir(opts.dir, { recursive: true });
  const dbFile = path.join(opts.dir, `${opts.name}${DB_SUFFIX[opts.compression ?? 'zst']}`);
  const repo: Repo = { name: opts.name, dir: opts.dir, dbFile, server: `file://${opts.dir}`, packages: [] };
  await addToRepo(repo, opts.packages);
  return repo;
}

/** Builds more packages into an existing repository (a newer version replaces the entry). */
export async function addToRepo(repo: Repo, specs: PackageSpec[]): Promise<BuiltPackage[]> {
  // At most two builds at once: the machine has 2 cores.
  const built = await mapLimit(specs, 2, (s) => buildPackage(s, repo.dir));
  // repo-add refuses an empty file list; an empty repository still gets an (empty) database.
  const args = built.length > 0 ? built.map((b) => b.path) : [];
  if (args.length > 0) {
    await exec('repo-add', ['-q', repo.dbFile, ...args], { env: { ...process.env, LC_ALL: 'C' } });
  } else if (!existsSync(repo.dbFile)) {
    await exec('bsdtar', ['-cf', repo.dbFile, '-T', '/dev/null', ...compressFlag(repo.dbFile)]);
    // What pacman -Sy downloads, as repo-add links it.
    await symlink(path.basename(repo.dbFile), path.join(repo.dir, `${repo.name}.db`));
  }
  repo.packages = [...repo.packages.filter((p) => !built.some((b) => b.spec.name === p.spec.name)), ...built];
  return built;
}

/**
 * Makes a repository's databases `seconds` older (modification time now − seconds). `pacman -Sy`
 * downloads a database only when the mirror's copy is newer than its own, judged to the second
 * (curl's If-Modified-Since; the local copy takes the mirror's time): two snapshots of a
 * repository written within the same second look identical to it, and a machine synced from the
 * older one would never see the newer. Backdate the older snapshot.
 */
export async function backdate(repo: Repo, seconds: number): Promise<void> {
  const when = new Date(Date.now() - seconds * 1000);
  // The .db and .files databases (and the links repo-add makes to them, followed by utimes).
  const dbs = (await readdir(repo.dir)).filter((f) => f.startsWith(`${repo.name}.db.tar`) || f.startsWith(`${repo.name}.files.tar`));
  for (const f of dbs) await utimes(path.join(repo.dir, f), when, when);
}

function compressFlag(file: string): string[] {
  if (file.endsWith('.zst')) return ['--zstd'];
  if (file.endsWith('.gz')) return ['-z'];
  if (file.endsWith('.xz')) return ['-J'];
  return [];
}

export interface SandboxOptions {
  repos?: Repo[];
  ignorePkg?: string[];
  ignoreGroup?: string[];
  holdPkg?: string[];
  /** Extra lines for [options], e.g. 'NoUpgrade = etc/foo.conf'. */
  extraOptions?: string[];
  /** Directory to create the sandbox in (default: a new mkdtemp under the OS temp dir). */
  dir?: string;
}

/** Creates root, dbpath, cachedir and a pacman.conf listing `repos` in order. Does not sync. */
export async function createSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const dir = opts.dir ?? (await mkdtemp(path.join(tmpdir(), 'pacsync-sandbox-')));
  const root = path.join(dir, 'root');
  const dbpath = path.join(dir, 'db');
  const cachedir = path.join(dir, 'cache');
  const gpgdir = path.join(dir, 'gnupg');
  const hookdir = path.join(dir, 'hooks');
  const logFile = path.join(dir, 'pacman.log');
  const config = path.join(dir, 'pacman.conf');
  for (const d of [root, dbpath, cachedir, gpgdir, hookdir]) await mkdir(d, { recursive: true });
  const list = (k: string, v: string[] | undefined): string[] => (v && v.length > 0 ? [`${k} = ${v.join(' ')}`] : []);
  const lines = [
    '# pacsync test sandbox',
    '[options]',
    `RootDir = ${root}`,
    `DBPath = ${dbpath}`,
    `CacheDir = ${cachedir}`,
    `LogFile = ${logFile}`,
    `GPGDir = ${gpgdir}`,
    `HookDir = ${hookdir}`,
    'Architecture = x86_64',
    'SigLevel = Never',
    'LocalFileSigLevel = Never',
    ...list('IgnorePkg', opts.ignorePkg),
    ...list('IgnoreGroup', opts.ignoreGroup),
    ...list('HoldPkg', opts.holdPkg),
    ...(opts.extraOptions ?? []),
  ];
  for (const r of opts.repos ?? []) lines.push('', `[${r.name}]`, `Server = ${r.server}`);
  await writeFile(config, `${lines.join('\n')}\n`);
  return {
    dir,
    root,
    dbpath,
    cachedir,
    config,
    logFile,
    repos: opts.repos ?? [],
    pacmanArgs: ['--root', root, '--dbpath', dbpath, '--config', config, '--cachedir', cachedir],
    env: {
      PACSYNC_PACMAN_ROOT: root,
      PACSYNC_PACMAN_DBPATH: dbpath,
      PACSYNC_PACMAN_CONFIG_PATH: config,
      PACSYNC_PACMAN_CACHE_DIR: cachedir,
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Runs the real pacman on the sandbox: `pacman <sb.pacmanArgs> --noconfirm <args>` with LC_ALL=C.
 * Rejects on a non-zero exit unless `allowFailure` (then `code` tells).
 */
export async function pacman(
  sb: Sandbox,
  args: string[],
  opts: { allowFailure?: boolean; env?: Record<string, string> } = {},
): Promise<PacmanResult> {
  // pacman wraps -Qi output to $COLUMNS: only when a test passes it in opts.env.
  const { COLUMNS: _ignored, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = { ...inherited, LC_ALL: 'C', ...opts.env };
  try {
    const { stdout, stderr } = await exec('pacman', [...sb.pacmanArgs, '--noconfirm', ...args], {
      env,
      maxBuffer: 256 * 1024 * 1024,
    });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    const res = { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: typeof e.code === 'number' ? e.code : -1 };
    if (opts.allowFailure) return res;
    throw new Error(`pacman ${args.join(' ')} failed (${res.code}): ${res.stderr.trim() || res.stdout.trim()}`);
  }
}

/** `pacman -Sy`: copies the repositories' databases into <dbpath>/sync. */
export async function syncDatabases(sb: Sandbox): Promise<void> {
  await pacman(sb, ['-Sy']);
}

/** `pacman -S [--asdeps] [--noscriptlet] names…` from the sandbox's repositories. */
export async function installPackages(sb: Sandbox, names: string[], opts: { asdeps?: boolean; noscriptlet?: boolean } = {}): Promise<PacmanResult> {
  return pacman(sb, ['-S', ...(opts.asdeps ? ['--asdeps'] : []), ...(opts.noscriptlet ? ['--noscriptlet'] : []), ...names]);
}

/** `pacman -U files…` (package files, e.g. BuiltPackage.path). */
export async function installFiles(sb: Sandbox, files: string[], opts: { asdeps?: boolean; noscriptlet?: boolean } = {}): Promise<PacmanResult> {
  return pacman(sb, ['-U', ...(opts.asdeps ? ['--asdeps'] : []), ...(opts.noscriptlet ? ['--noscriptlet'] : []), ...files]);
}

/** `pacman -R names…` */
export async function removePackages(sb: Sandbox, names: string[]): Promise<PacmanResult> {
  return pacman(sb, ['-R', ...names]);
}

/** Copies package files into the sandbox's cache dir (where pacman and the agent look for old versions). */
export async function addToCache(sb: Sandbox, pkgs: BuiltPackage[]): Promise<void> {
  for (const p of pkgs) await copyFile(p.path, path.join(sb.cachedir, p.filename));
}

/** stdout of `pacman -Q args…` (throws when pacman fails). */
export async function pacmanQ(sb: Sandbox, ...args: string[]): Promise<string> {
  return (await pacman(sb, ['-Q', ...args])).stdout;
}

/** stdout of `pacman -Qi names…`. */
export async function pacmanQi(sb: Sandbox, ...names: string[]): Promise<string> {
  return (await pacman(sb, ['-Qi', ...names])).stdout;
}

/** stdout of `pacman -Sl repos…`. */
export async function pacmanSl(sb: Sandbox, ...repos: string[]): Promise<string> {
  return (await pacman(sb, ['-Sl', ...repos])).stdout;
}

export interface MakeSandboxOptions extends Omit<SandboxOptions, 'repos' | 'dir'> {
  /** Repositories in pacman.conf order: name → packages. */
  repos?: Record<string, PackageSpec[]>;
  /** Database compression for every repository (default zst, like Arch). */
  compression?: DbCompression;
  /** Installed from the repositories with `pacman -S` after `-Sy`. */
  install?: string[];
  /** Installed with `pacman -S --asdeps`. */
  installAsDeps?: string[];
}

/** One call: build repositories, create the sandbox, `pacman -Sy`, install. */
export async function makeSandbox(opts: MakeSandboxOptions = {}): Promise<Sandbox> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pacsync-sandbox-'));
  try {
    const repos: Repo[] = [];
    for (const [name, packages] of Object.entries(opts.repos ?? {})) {
      repos.push(await buildRepo({ dir: path.join(dir, 'repos', name), name, packages, compression: opts.compression }));
    }
    const sb = await createSandbox({ ...opts, repos, dir });
    if (repos.length > 0) await syncDatabases(sb);
    if (opts.install?.length) await installPackages(sb, opts.install);
    if (opts.installAsDeps?.length) await installPackages(sb, opts.installAsDeps, { asdeps: true });
    return sb;
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * sha256 over every file of `<dbpath>/local` (relative paths and contents, in sorted order): equal
 * before and after an action exactly when the action left the local database byte-identical.
 */
export async function localDbHash(sb: Pick<Sandbox, 'dbpath'>): Promise<string> {
  const { createHash } = await import('node:crypto');
  const { readdir, readFile } = await import('node:fs/promises');
  const base = path.join(sb.dbpath, 'local');
  const hash = createHash('sha256');
  const walk = async (rel: string): Promise<void> => {
    const entries = (await readdir(path.join(base, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) {
        hash.update(`d ${r}\n`);
        await walk(r);
      } else {
        hash.update(`f ${r}\n`);
        hash.update(await readFile(path.join(base, r)));
      }
    }
  };
  await walk('');
  return hash.digest('hex');
}
