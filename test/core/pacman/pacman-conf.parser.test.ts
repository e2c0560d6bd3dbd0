// parsePacmanConf reads pacman.conf the way pacman does: checked against Debian's `pacman-conf`
// (pacman's own parser) on the same files — repositories in order with their servers, Include
// files and globs, comments, list options, `$repo`/`$arch` — and fails where pacman-conf fails.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { machine, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import picomatch from 'picomatch';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PacmanFormatError } from '../../../src/core/errors.js';
import { parsePacmanConf, type IncludedFile, type PacmanConf } from '../../../src/core/pacman/pacman-conf.parser.js';
import { describeSigLevel, packageSigLevel } from '../../../src/core/pacman/siglevel.js';
import { missingTools } from '../../support/tools.js';

const exec = promisify(execFile);

/** pacman-conf's dump (`Key = value` lines per section), read independently of our parser. */
interface Dump {
  options: Map<string, string[]>;
  repos: Array<{ name: string; servers: string[] }>;
}

async function pacmanConf(file: string): Promise<Dump | { error: string }> {
  try {
    const { stdout } = await exec('pacman-conf', ['--config', file], { env: { ...process.env, LC_ALL: 'C' } });
    const dump: Dump = { options: new Map(), repos: [] };
    let section = '';
    for (const line of stdout.split('\n')) {
      const h = /^\[(.*)\]$/.exec(line);
      if (h) {
        section = h[1] as string;
        if (section !== 'options') dump.repos.push({ name: section, servers: [] });
        continue;
      }
      if (line === '') continue;
      const [k, v] = line.includes(' = ') ? [line.slice(0, line.indexOf(' = ')), line.slice(line.indexOf(' = ') + 3)] : [line, ''];
      if (section === 'options') dump.options.set(k as string, [...(dump.options.get(k as string) ?? []), v as string]);
      else if (k === 'Server') dump.repos[dump.repos.length - 1]?.servers.push(v as string);
    }
    return dump;
  } catch (e) {
    return { error: String((e as { stderr?: string }).stderr ?? e) };
  }
}

/** Our parser, with Include files (plain or glob) served from the case's directory. */
async function ours(file: string): Promise<PacmanConf> {
  const dir = path.dirname(file);
  const texts = new Map<string, string>();
  for (const f of await readdir(dir)) texts.set(path.join(dir, f), await readFile(path.join(dir, f), 'utf8'));
  const reader = (p: string, from: string): string | IncludedFile[] => {
    if (/[*?[]/.test(p)) {
      const m = picomatch(p);
      const files = [...texts.keys()].filter((f) => m(f)).sort();
      if (files.length === 0) throw new PacmanFormatError(from, `config file ${p} could not be read`);
      return files.map((f) => ({ file: f, text: texts.get(f) as string }));
    }
    const t = texts.get(p);
    if (t === undefined) throw new PacmanFormatError(from, `config file ${p} could not be read`);
    return t;
  };
  return parsePacmanConf(texts.get(file) as string, file, { include: reader, arch: machine() });
}

const OPTION_LISTS: Array<[string, keyof PacmanConf]> = [
  ['HoldPkg', 'holdPkg'],
  ['IgnorePkg', 'ignorePkg'],
  ['IgnoreGroup', 'ignoreGroup'],
  ['NoUpgrade', 'noUpgrade'],
  ['NoExtract', 'noExtract'],
  ['Architecture', 'architectures'],
];

describe.skipIf(missingTools('pacman-conf'))('parsePacmanConf agrees with pacman-conf', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pacsync-conf-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  let n = 0;
  const write = async (files: Record<string, string>): Promise<string> => {
    const d = path.join(dir, `case${n++}`);
    await exec('mkdir', ['-p', d]);
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(d, name), text.replaceAll('@D@', d));
    return path.join(d, 'pacman.conf');
  };

  const compare = async (file: string): Promise<PacmanConf> => {
    const [theirs, mine] = [await pacmanConf(file), await ours(file)];
    if ('error' in theirs) throw new Error(`pacman-conf failed: ${theirs.error}`);
    expect(mine.repositories.map((r) => ({ name: r.name, servers: r.servers }))).toEqual(theirs.repos);
    for (const [key, field] of OPTION_LISTS) expect({ key, v: mine[field] }).toEqual({ key, v: theirs.options.get(key) ?? [] });
    // pacman-conf prints its defaults for what the file leaves out; our parser leaves them unset.
    expect(mine.dbPath ?? '/var/lib/pacman/').toBe(theirs.options.get('DBPath')?.[0]);
    expect(mine.rootDir ?? '/').toBe(theirs.options.get('RootDir')?.[0]);
    expect(mine.cacheDirs.length > 0 ? mine.cacheDirs : ['/var/cache/pacman/pkg/']).toEqual(theirs.options.get('CacheDir'));
    // Flags are the options pacman-conf prints without a value.
    const theirFlags = [...theirs.options].filter(([, v]) => v.length === 1 && v[0] === '').map(([k]) => k);
    expect([...mine.flags].sort()).toEqual(theirFlags.sort());
    return mine;
  };

  test('an Arch-style pacman.conf: comments, options, mirrorlist Include, custom file:// repo', async () => {
    const conf = await compare(
      await write({
        'pacman.conf': `#
# /etc/pacman.conf
#
[options]
#RootDir     = /
#DBPath      = /var/lib/pacman/
HoldPkg     = pacman glibc
Architecture = auto
IgnorePkg   = linux linux-headers
#IgnoreGroup =
Color
CheckSpace
VerbosePkgLists
ParallelDownloads = 5
SigLevel    = Required DatabaseOptional
LocalFileSigLevel = Optional

#[core-testing]
#Include = /etc/pacman.d/mirrorlist

[core]
Include = @D@/mirrorlist

[extra]
Include = @D@/mirrorlist

#[multilib]
#Include = /etc/pacman.d/mirrorlist

[custom]
SigLevel = Optional TrustAll
Server = file:///home/custompkgs
`,
        mirrorlist: `## Arch Linux repository mirrorlist
## Generated on 2024-05-01
#Server = https://disabled.example/$repo/os/$arch
Server = https://geo.mirror.pkgbuild.com/$repo/os/$arch
Server = http://mirror.example.org/archlinux/$repo/os/$arch
`,
      }),
    );
    expect(conf.repositories.map((r) => r.name)).toEqual(['core', 'extra', 'custom']);
    expect(conf.flags).toEqual(['Color', 'CheckSpace', 'VerbosePkgLists']);
    expect(conf.other.ParallelDownloads).toBe('5');
  });

  test('a section started in an included file stays in force after the Include, as in pacman', async () => {
    const conf = await compare(
      await write({
        'pacman.conf':
          '[options]\nArchitecture = x86_64 i686\nInclude = @D@/extra.conf\nServer = http://after-include/$repo/$arch\n[last]\nServer = file:///l\n',
        'extra.conf': 'CacheDir = /c1 /c2\nIgnorePkg = from-include\n[included]\nServer = http://inc/$repo\n',
      }),
    );
    expect(conf.repositories.map((r) => [r.name, r.servers])).toEqual([
      ['included', ['http://inc/included', 'http://after-include/included/x86_64']],
      ['last', ['file:///l']],
    ]);
  });

  test('glob Includes take every match in sorted order; list options accumulate; first DBPath wins; a `#` after a value is kept', async () => {
    const conf = await compare(
      await write({
        'pacman.conf':
          '[options]\nDBPath = /db/one\nDBPath = /db/two\nRootDir = /r # not a comment\nArchitecture = ' +
          'auto\nIgnorePkg=a\tb\nIgnorePkg = c\nIgnoreGroup = g1 g2\nNoUpgrade = etc/x.conf\n[r]\nInclude = @D@/mirror-*\n',
        'mirror-b': 'Server = http://b/$repo/$arch\n',
        'mirror-a': 'Server = http://a/$repo/$arch\n',
      }),
    );
    expect(conf.rootDir).toBe('/r # not a comment');
    expect(conf.repositories[0]?.servers).toEqual([`http://a/r/${machine()}`, `http://b/r/${machine()}`]);
  });

  // The level a package file is checked under, for every way of writing it: ours from the file,
  // pacman-conf's own words (its merged RemoteFileSigLevel/LocalFileSigLevel, or SigLevel when the
  // file gives none), and ours again from pacman-conf's output (what the agent reads).
  test.each([
    ['Arch default', 'SigLevel = Required DatabaseOptional\nLocalFileSigLevel = Optional'],
    ['nothing set: pacman compiled default', ''],
    ['Never', 'SigLevel = Never'],
    ['RemoteFileSigLevel only sets trust: the rest from SigLevel', 'SigLevel = Required\nRemoteFileSigLevel = TrustAll'],
    ['RemoteFileSigLevel before SigLevel: merged after the file is read', 'RemoteFileSigLevel = TrustAll\nSigLevel = Optional'],
    ['Database words do not touch packages', 'SigLevel = Optional\nRemoteFileSigLevel = DatabaseRequired DatabaseNever'],
    [
      'Package words, applied in order',
      'SigLevel = Never\nRemoteFileSigLevel = PackageOptional PackageTrustAll ' +
        'PackageRequired\nLocalFileSigLevel = PackageTrustAll PackageTrustedOnly',
    ],
    ['several lines accumulate', 'SigLevel = Optional\nSigLevel = Required\nRemoteFileSigLevel = Never'],
  ])('signature levels (%s) agree with pacman-conf', async (_what, options) => {
    const file = await write({ 'pacman.conf': `[options]\n${options}\n` });
    const theirs = await pacmanConf(file);
    if ('error' in theirs) throw new Error(`pacman-conf failed: ${theirs.error}`);
    const mine = await ours(file);
    const { stdout } = await exec('pacman-conf', ['--config', file], { env: { ...process.env, LC_ALL: 'C' } });
    const fromTool = parsePacmanConf(stdout, 'pacman-conf');
    const pkgWords = (key: string): string => (theirs.options.get(key) ?? []).filter((w) => w.startsWith('Package')).join(' ');
    for (const [which, key] of [
      ['remote', 'RemoteFileSigLevel'],
      ['local', 'LocalFileSigLevel'],
    ] as const) {
      const expected = pkgWords(key) || pkgWords('SigLevel');
      expect({ key, level: describeSigLevel(packageSigLevel(mine, which)) }).toEqual({ key, level: expected });
      expect({ key, level: describeSigLevel(packageSigLevel(fromTool, which)) }).toEqual({ key, level: expected });
    }
  });

  test.each([
    ['an unknown SigLevel word', '[options]\nSigLevel = Required Sometimes\n', "invalid value for 'SigLevel' : 'Sometimes'"],
    [
      'an unknown RemoteFileSigLevel word',
      '[options]\nRemoteFileSigLevel = PackageMaybe\n',
      "invalid value for 'RemoteFileSigLevel' : 'PackageMaybe'",
    ],
    ['a directive before any section', 'IgnorePkg = x\n[options]\n', 'all directives must belong to a section'],
    ['an Include without a value', '[options]\nInclude\n', "directive 'Include' needs a value"],
    ['an Include of a missing file', '[options]\nInclude = /nonexistent/pacsync.conf\n', 'could not be read'],
    ['an Include glob matching nothing', '[options]\nInclude = /nonexistent/pacsync-*.conf\n', 'could not be read'],
    ['$arch without an Architecture', '[options]\n[core]\nServer = http://m/$repo/os/$arch\n', "contains the '$arch' variable"],
  ])('%s: pacman-conf fails, and so do we, naming the file', async (_what, text, message) => {
    const file = await write({ 'pacman.conf': text });
    expect(await pacmanConf(file)).toHaveProperty('error');
    await expect(ours(file)).rejects.toThrow(message);
    await expect(ours(file)).rejects.toBeInstanceOf(PacmanFormatError);
  });
});
