// Large, realistic pacman databases written directly to disk (no package files, no pacman run):
// a sync database like Arch's `extra` (~14,000 entries, zstd) and a local database like a desktop
// machine's (~1,500 installed packages). Used by the benchmarks and by tests that need volume.
// Deterministic (seeded PRNG), so runs compare like with like. The sync database is archived by
// a ustar writer below and compressed by the real zstd/gzip/xz; pacman itself reads it back in the
// benchmarks and tests, which is what proves the archive well-formed.
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { rng } from './random.js';

const WORDS = [
  'alsa',
  'audio',
  'boost',
  'cairo',
  'core',
  'curl',
  'dbus',
  'desktop',
  'docs',
  'font',
  'gdk',
  'git',
  'glib',
  'gnome',
  'gtk',
  'http',
  'image',
  'json',
  'kde',
  'kernel',
  'lib',
  'lua',
  'mesa',
  'net',
  'node',
  'ocaml',
  'openssl',
  'pango',
  'perl',
  'pipe',
  'plugin',
  'python',
  'qt',
  'ruby',
  'rust',
  'sdl',
  'server',
  'sound',
  'sql',
  'ssh',
  'systemd',
  'text',
  'theme',
  'tools',
  'utils',
  'video',
  'vulkan',
  'wayland',
  'web',
  'x11',
  'xml',
  'zlib',
];
const PREFIXES = ['', '', '', 'lib', 'python-', 'perl-', 'haskell-', 'ruby-', 'lib32-', 'qt6-', 'kf6-', 'gst-'];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export interface FixturePackage {
  name: string;
  version: string;
  desc: string;
  depends: string[];
  optdepends: string[];
  provides: string[];
  conflicts: string[];
  groups: string[];
  licenses: string[];
  isize: number;
  csize: number;
  builddate: number;
}

/** `count` packages with unique names, varied versions (epochs, dates, rc) and dependencies on each other. */
export function generatePackages(count: number, seed = 1): FixturePackage[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const names = new Set<string>();
  while (names.size < count) {
    const n = `${pick(PREFIXES)}${pick(WORDS)}${r() < 0.6 ? `-${pick(WORDS)}` : ''}${r() < 0.3 ? Math.floor(r() * 100) : ''}`;
    names.add(n);
  }
  const all = [...names].sort();
  return all.map((name, i) => {
    const v = r();
    const pkgver =
      v < 0.1
        ? `${2020 + Math.floor(r() * 5)}${String(1 + Math.floor(r() * 12)).padStart(2, '0')}01.r${Math.floor(r() * 900)}.g${Math.floor(r() * 0xfffffff).toString(16)}`
        : v < 0.15
          ? `${Math.floor(r() * 5)}.${Math.floor(r() * 20)}rc${1 + Math.floor(r() * 3)}`
          : `${Math.floor(r() * 30)}.${Math.floor(r() * 40)}.${Math.floor(r() * 12)}`;
    const epoch = r() < 0.08 ? `${1 + Math.floor(r() * 3)}:` : '';
    const depCount = Math.floor(r() * r() * 16);
    const deps = new Set<string>();
    for (let d = 0; d < depCount; d++) {
      // Depend mostly on "earlier" packages, like a real dependency tree.
      const target = all[Math.floor(r() * Math.max(1, i))] as string;
      if (target !== name) deps.add(r() < 0.2 ? `${target}>=0.${Math.floor(r() * 9)}` : target);
    }
    return {
      name,
      version: `${epoch}${pkgver}-${1 + Math.floor(r() * 4)}`,
      desc: `${name} - ${pick(WORDS)} ${pick(WORDS)} support for the ${pick(WORDS)} ${pick(WORDS)} stack`,
      depends: [...deps],
      optdepends: r() < 0.2 ? [`${pick(all)}: for ${pick(WORDS)} support`] : [],
      provides: r() < 0.15 ? [`lib${name.replace(/[^a-z0-9]/g, '')}.so=${Math.floor(r() * 9)}-64`] : [],
      conflicts: r() < 0.05 ? [`${name}-git`] : [],
      groups: r() < 0.1 ? [pick(['base-devel', 'gnome', 'kde-applications', 'xorg'])] : [],
      licenses: [pick(['GPL-2.0-or-later', 'MIT', 'LGPL-2.1-or-later', 'Apache-2.0', 'BSD-3-Clause'])],
      isize: Math.floor(r() * r() * 400_000_000),
      csize: Math.floor(r() * r() * 90_000_000),
      builddate: 1_600_000_000 + Math.floor(r() * 130_000_000),
    };
  });
}

/**
 * About `count` packages of `all` closed under their dependencies, as on a real machine: packages
 * picked in a seeded random order, each with everything it depends on (transitively), as long as
 * that still fits. (A random subset instead keeps ~1 in 8 of its dependencies: far fewer than a
 * real installation has, which is what pacman -Qi's "Required By" scans.)
 */
export function installedSubset(all: readonly FixturePackage[], count: number, seed = 1): FixturePackage[] {
  const r = rng(seed);
  const byName = new Map(all.map((p) => [p.name, p]));
  const chosen = new Set<string>();
  const order = all.map((p) => p.name);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  for (const name of order) {
    if (chosen.size >= count) break;
    const closure = new Set<string>();
    const stack = [name];
    while (stack.length > 0) {
      const n = stack.pop() as string;
      const p = byName.get(n);
      if (p === undefined || chosen.has(n) || closure.has(n)) continue;
      closure.add(n);
      for (const d of p.depends) stack.push(d.split(/[<>=]/)[0] as string);
    }
    if (chosen.size + closure.size <= count) for (const n of closure) chosen.add(n);
  }
  return all.filter((p) => chosen.has(p.name));
}

function entry(k: string, vs: (string | number)[]): string {
  return vs.length === 0 ? '' : `%${k}%\n${vs.join('\n')}\n\n`;
}

/** A sync-database desc as repo-add writes it (field order included). */
export function syncDesc(p: FixturePackage, r: () => number): string {
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
  const sig = Array.from({ length: 448 }, () => B64[Math.floor(r() * 64)]).join('');
  return (
    entry('FILENAME', [`${p.name}-${p.version}-x86_64.pkg.tar.zst`]) +
    entry('NAME', [p.name]) +
    entry('BASE', [p.name]) +
    entry('VERSION', [p.version]) +
    entry('DESC', [p.desc]) +
    entry('GROUPS', p.groups) +
    entry('CSIZE', [p.csize]) +
    entry('ISIZE', [p.isize]) +
    entry('MD5SUM', [hex(32)]) +
    entry('SHA256SUM', [hex(64)]) +
    entry('PGPSIG', [sig]) +
    entry('URL', [`https://example.org/${p.name}`]) +
    entry('LICENSE', p.licenses) +
    entry('ARCH', ['x86_64']) +
    entry('BUILDDATE', [p.builddate]) +
    entry('PACKAGER', ['Fixture Builder <fixtures@example.org>']) +
    entry('CONFLICTS', p.conflicts) +
    entry('PROVIDES', p.provides) +
    entry('DEPENDS', p.depends) +
    entry('OPTDEPENDS', p.optdepends)
  );
}

/** A ustar header block for `name` (a directory when `size` is null). */
function tarHeader(name: string, size: number | null, mtime: number): Buffer {
  const h = Buffer.alloc(512);
  const put = (off: number, len: number, v: string): void => {
    h.write(v, off, len, 'utf8');
  };
  const oct = (off: number, len: number, v: number): void => put(off, len, `${v.toString(8).padStart(len - 1, '0')}\0`);
  put(0, 100, size === null ? `${name}/` : name);
  oct(100, 8, size === null ? 0o755 : 0o644);
  oct(108, 8, 0);
  oct(116, 8, 0);
  oct(124, 12, size ?? 0);
  oct(136, 12, mtime);
  put(148, 8, '        ');
  put(156, 1, size === null ? '5' : '0');
  put(257, 6, 'ustar\0');
  put(263, 2, '00');
  put(265, 32, 'root');
  put(297, 32, 'root');
  let sum = 0;
  for (const b of h) sum += b;
  put(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** An uncompressed tar of `<name>-<version>/desc` entries, built in memory (names must fit 100 bytes). */
export function syncDbTar(packages: FixturePackage[], seed = 2): Buffer {
  const r = rng(seed);
  return descTar(packages.map((p) => [`${p.name}-${p.version}`, syncDesc(p, r), p.builddate]));
}

/**
 * An uncompressed sync-db-like tar in memory: per entry a `<dir>/` header and `<dir>/desc` with
 * the given text (names must fit 100 bytes).
 */
export function descTar(entries: Array<[dir: string, desc: string, mtime?: number]>): Buffer {
  const parts: Buffer[] = [];
  for (const [dir, text, mtime = 1_700_000_000] of entries) {
    const desc = Buffer.from(text);
    parts.push(tarHeader(dir, null, mtime), tarHeader(`${dir}/desc`, desc.length, mtime), desc);
    const pad = (512 - (desc.length % 512)) % 512;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(1024)); // end-of-archive marker
  return Buffer.concat(parts);
}

/**
 * Writes `<file>`, a sync db holding `packages`, compressed by the real zstd/gzip/xz per its
 * extension (`.db` alone means zstd, like Arch's; `.tar` uncompressed).
 */
export async function writeSyncDb(file: string, packages: FixturePackage[], seed = 2): Promise<void> {
  const tar = syncDbTar(packages, seed);
  const cmd = file.endsWith('.gz')
    ? ['gzip', '-c']
    : file.endsWith('.xz')
      ? ['xz', '-c', '-T1']
      : file.endsWith('.tar')
        ? null
        : ['zstd', '-q', '-c', '-T0'];
  if (cmd === null) {
    await writeFile(file, tar);
    return;
  }
  const out = await new Promise<Buffer>((resolve, reject) => {
    const child = execFile(cmd[0] as string, cmd.slice(1), { encoding: 'buffer', maxBuffer: 1 << 30 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
    child.stdin?.end(tar);
  });
  await writeFile(file, out);
}

/**
 * Writes a local database under `<dbpath>/local`: `packages` installed (every 10th as a
 * dependency, every 25th with an install scriptlet, every 40th with a version differing from
 * the sync one when `bumpVersions`), plus ALPM_DB_VERSION so pacman accepts it.
 */
export async function writeLocalDb(dbpath: string, packages: FixturePackage[], opts: { bumpVersions?: boolean } = {}): Promise<void> {
  const local = path.join(dbpath, 'local');
  await rm(local, { recursive: true, force: true });
  await mkdir(local, { recursive: true });
  await writeFile(path.join(local, 'ALPM_DB_VERSION'), '9\n');
  const installed = new Set(packages.map((p) => p.name));
  let i = 0;
  for (const p of packages) {
    i++;
    const version = opts.bumpVersions && i % 40 === 0 ? p.version.replace(/-(\d+)$/, (_m, rel: string) => `-${Number(rel) + 1}`) : p.version;
    const dir = path.join(local, `${p.name}-${version}`);
    await mkdir(dir);
    const desc =
      entry('NAME', [p.name]) +
      entry('VERSION', [version]) +
      entry('BASE', [p.name]) +
      entry('DESC', [p.desc]) +
      entry('URL', [`https://example.org/${p.name}`]) +
      entry('ARCH', ['x86_64']) +
      entry('BUILDDATE', [p.builddate]) +
      entry('INSTALLDATE', [p.builddate + 86_400]) +
      entry('PACKAGER', ['Fixture Builder <fixtures@example.org>']) +
      entry('SIZE', [p.isize]) +
      entry('REASON', i % 10 === 0 ? [1] : []) +
      entry('GROUPS', p.groups) +
      entry('LICENSE', p.licenses) +
      entry('VALIDATION', ['pgp']) +
      entry('CONFLICTS', p.conflicts) +
      entry('PROVIDES', p.provides) +
      entry(
        'DEPENDS',
        p.depends.filter((d) => installed.has(d.split(/[<>=]/)[0] as string)),
      ) +
      entry('OPTDEPENDS', p.optdepends) +
      entry('XDATA', ['pkgtype=pkg']);
    await writeFile(path.join(dir, 'desc'), desc);
    await writeFile(path.join(dir, 'files'), `%FILES%\nusr/\nusr/share/\nusr/share/${p.name}/\nusr/share/${p.name}/README\n\n`);
    if (i % 25 === 0) await writeFile(path.join(dir, 'install'), 'post_install() {\n  :\n}\n');
  }
}
