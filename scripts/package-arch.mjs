// `npm run package:arch`: builds the Arch packages pacsync (the agent) and pacsync-server with
// makepkg from packaging/arch/*/PKGBUILD, offline, from this working tree.
//
//   node scripts/package-arch.mjs [--out DIR] [--only pacsync|pacsync-server] [--no-build]
//
//   1. `npm run build` (unless --no-build), then the agent bundled into one file (bundle-agent.mjs)
//   2. per package, in a fresh build directory: the source tarball <name>-<version>.tar made
//      from the tree, and the PKGBUILD with pkgver (package.json's version) and the tarball's
//      sha256 filled in
//   3. makepkg --nodeps (makepkg's dependency check asks pacman's local database, which on a
//      build host that is not Arch has no nodejs) with PKGEXT=.pkg.tar.zst; makepkg refuses to
//      run as root, so as root it runs as an unprivileged build user ($PACSYNC_BUILD_USER, default
//      nobody) through setpriv
//   4. the packages are copied to --out (default dist/arch) and their paths printed, one a line
//
// The server's node_modules are the production dependencies of package-lock.json (entries not
// marked dev) copied from ./node_modules, with better-sqlite3's module only (not its build tree)
// and without type declarations, source maps and documents. The source tarballs are plain .tar:
// compressing them only to unpack them again a second later is time lost.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chownSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['pacsync', 'pacsync-server'];

const { values: opts } = parseArgs({
  options: {
    out: { type: 'string' },
    only: { type: 'string', multiple: true },
    'no-build': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opts.help) {
  console.log('usage: node scripts/package-arch.mjs [--out DIR] [--only pacsync|pacsync-server] [--no-build]');
  process.exit(0);
}
const only = opts.only ?? PACKAGES;
for (const n of only) if (!PACKAGES.includes(n)) fail(`--only: unknown package '${n}' (the packages are ${PACKAGES.join(', ')})`);
const outDir = path.resolve(opts.out ?? path.join(root, 'dist/arch'));

function fail(message) {
  console.error(`package-arch: ${message}`);
  process.exit(1);
}

function have(tool) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const missing = ['makepkg', 'fakeroot', 'bsdtar', 'zstd', 'tar'].filter((t) => !have(t));
if (missing.length > 0) fail(`missing ${missing.join(', ')} (Debian: makepkg, fakeroot, libarchive-tools, zstd)`);

const run = (cmd, args, o = {}) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...o });
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

if (!opts['no-build']) run('npm', ['run', '--silent', 'build'], { cwd: root });
const work = mkdtempSync(path.join(tmpdir(), 'pacsync-makepkg-'));

/** Files of the tree a source tarball carries: [from (relative to the repository), to (in the tarball)]. */
function agentFiles(stage) {
  run(process.execPath, [path.join(root, 'scripts/bundle-agent.mjs'), path.join(stage, 'pacsync.cjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  return [
    ['packaging/systemd/pacsync.service', 'pacsync.service'],
    ['packaging/arch/zz-pacsync.hook', 'zz-pacsync.hook'],
    ['packaging/arch/pacsync/pacsync.tmpfiles', 'pacsync.tmpfiles'],
    ['packaging/config/client.conf', 'client.conf'],
  ];
}

/** The production dependency directories, from package-lock.json (v2/v3 `packages`). */
function productionModules() {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const dirs = Object.entries(lock.packages ?? {})
    .filter(([k, v]) => k.startsWith('node_modules/') && v.dev !== true && !v.link)
    .map(([k]) => k);
  const absent = dirs.filter((d) => !existsSync(path.join(root, d)) && lock.packages[d].optional !== true);
  if (absent.length > 0) fail(`not installed: ${absent.slice(0, 5).join(', ')}${absent.length > 5 ? ', …' : ''} (run npm ci)`);
  return dirs.filter((d) => existsSync(path.join(root, d)));
}

function serverFiles(stage) {
  const skip = (src) => /\.d\.c?ts$|\.map$/.test(src) || src.includes(`${path.sep}dist${path.sep}src${path.sep}agent`);
  cpSync(path.join(root, 'dist/src'), path.join(stage, 'dist/src'), { recursive: true, filter: (src) => !skip(src) });
  const bsq = path.join('node_modules', 'better-sqlite3');
  for (const dir of productionModules()) {
    // Nested packages are copied with their parent; better-sqlite3 without its build tree.
    cpSync(path.join(root, dir), path.join(stage, dir), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => {
        const rel = path.relative(root, src);
        // Type declarations, source maps and documents are never loaded: fewer files to pack.
        if (/\.d\.[cm]?ts$|\.map$|\.md$/i.test(rel)) return false;
        // Nor are names outside printable ASCII (a test fixture `snow ☃`): pacman run in the C
        // locale cannot extract such a name and silently leaves out the files after it.
        if (/[^\x20-\x7e]/.test(rel)) return false;
        return !(
          rel.startsWith(`${bsq}${path.sep}build`) &&
          rel !== path.join(bsq, 'build') &&
          rel !== path.join(bsq, 'build', 'Release') &&
          rel !== path.join(bsq, 'build', 'Release', 'better_sqlite3.node')
        );
      },
    });
  }
  if (!existsSync(path.join(stage, bsq, 'build/Release/better_sqlite3.node'))) fail('node_modules/better-sqlite3 has no built module (run npm ci)');
  return [
    ['package.json', 'package.json'],
    ['packaging/systemd/pacsync-server.service', 'pacsync-server.service'],
    ['packaging/arch/pacsync-server/pacsync-server.sysusers', 'pacsync-server.sysusers'],
    ['packaging/arch/pacsync-server/pacsync-server.tmpfiles', 'pacsync-server.tmpfiles'],
    ['packaging/config/server.conf', 'server.conf'],
  ];
}

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The build user's uid and gid (as root), or null to run makepkg as ourselves. */
function buildUser() {
  if (process.getuid?.() !== 0) return null;
  const name = process.env.PACSYNC_BUILD_USER || 'nobody';
  const id = (flag) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  try {
    return { name, uid: id('-u'), gid: id('-g') };
  } catch {
    fail(`build user '${name}' does not exist (set PACSYNC_BUILD_USER to an unprivileged user)`);
  }
}

function chownTree(dir, user) {
  chownSync(dir, user.uid, user.gid);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) chownTree(p, user);
    else if (!e.isSymbolicLink()) chownSync(p, user.uid, user.gid);
  }
}

const user = buildUser();
const built = [];
try {
  for (const name of only) {
    const dir = path.join(work, name);
    const stage = path.join(dir, 'stage', `${name}-${version}`);
    mkdirSync(stage, { recursive: true });
    const files = name === 'pacsync' ? agentFiles(stage) : serverFiles(stage);
    for (const [from, to] of files) copyFileSync(path.join(root, from), path.join(stage, to));
    const tarball = path.join(dir, `${name}-${version}.tar`);
    run('tar', ['-cf', tarball, '--owner=0', '--group=0', '-C', path.dirname(stage), path.basename(stage)]);
    rmSync(path.join(dir, 'stage'), { recursive: true, force: true });
    const pkgbuild = readFileSync(path.join(root, 'packaging/arch', name, 'PKGBUILD'), 'utf8')
      .replace(/^pkgver=.*$/m, `pkgver=${version}`)
      .replace(/^sha256sums=.*$/m, `sha256sums=('${sha256(tarball)}')`);
    writeFileSync(path.join(dir, 'PKGBUILD'), pkgbuild);
    const pkgdest = path.join(dir, 'out');
    const home = path.join(dir, 'home');
    for (const d of [pkgdest, home]) mkdirSync(d, { recursive: true });
    if (user) {
      chownSync(work, user.uid, user.gid);
      chownTree(dir, user);
    }
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      LC_ALL: 'C.UTF-8',
      PKGEXT: '.pkg.tar.zst',
      PKGDEST: pkgdest,
      SRCDEST: dir,
      BUILDDIR: path.join(dir, 'build'),
      LOGDEST: dir,
      PACKAGER: process.env.PACKAGER || 'pacsync package:arch <pacsync@localhost>',
      ...(process.env.SOURCE_DATE_EPOCH ? { SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH } : {}),
    };
    const makepkg = ['makepkg', '--nodeps', '--noconfirm', '--force', '--noprogressbar'];
    if (user)
      run(
        'setpriv',
        [
          `--reuid=${user.uid}`,
          `--regid=${user.gid}`,
          '--clear-groups',
          'env',
          '-i',
          ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
          ...makepkg,
        ],
        { cwd: dir, stdio: ['ignore', process.env.PACSYNC_MAKEPKG_VERBOSE ? 'inherit' : 'ignore', 'inherit'] },
      );
    else run(makepkg[0], makepkg.slice(1), { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'] });
    mkdirSync(outDir, { recursive: true });
    for (const f of readdirSync(pkgdest).filter((f) => f.endsWith('.pkg.tar.zst'))) {
      copyFileSync(path.join(pkgdest, f), path.join(outDir, f));
      built.push(path.join(outDir, f));
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const f of built) console.log(`${f} (${(statSync(f).size / 1024 / 1024).toFixed(1)} MiB)`);
