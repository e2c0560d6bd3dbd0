// The state an agent reports must say what pacman says: versions as `pacman -Q`, foreign packages
// as `pacman -Qm`, explicit ones as `pacman -Qe`, repositories as pacman would pick them (first
// sync database in pacman.conf order). And its canonical text must identify the package set: the
// same for a re-capture of an unchanged system, different after any change that matters.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PacmanPackage } from '../../src/core/pacman/types.js';
import { emptyPackage, parseDesc } from '../../src/core/pacman/desc.parser.js';
import { parseSyncDb } from '../../src/core/pacman/sync-db.parser.js';
import { buildPackageState, canonicalStateText } from '../../src/core/state.js';
import { buildPackage, installFiles, makeSandbox, pacman, pacmanQ, sandboxSkipReason, type Sandbox } from '../support/pacman-sandbox.js';
import { dep, pkg, state } from '../support/package-states.js';

function local(name: string, version: string, extra: Partial<PacmanPackage> = {}): PacmanPackage {
  return { ...emptyPackage(), name, version, ...extra };
}

describe('buildPackageState', () => {
  const core = { name: 'core', packages: new Set(['glibc', 'bash']) };
  const extra = {
    name: 'extra',
    packages: new Map([
      ['firefox', {}],
      ['bash', {}],
    ]),
  };

  test('repository is the first sync database that has the name; none means foreign', () => {
    const s = buildPackageState([local('bash', '5.2.026-2'), local('firefox', '125.0-1'), local('yay', '12.3.5-1')], [core, extra]);
    expect(s.packages.bash?.repository).toBe('core');
    expect(s.packages.firefox?.repository).toBe('extra');
    expect(s.packages.yay?.repository).toBeNull();
  });

  test('reason, install date, size, dependencies, provisions and totals are carried over', () => {
    const s = buildPackageState(
      [
        local('glibc', '2.39-1', { reason: 1, installdate: 1705314600, size: 4096, provides: ['libc.so=6-64'], arch: 'x86_64' }),
        local('bash', '5.2.026-2', { depends: ['glibc', 'readline>=8.0'], size: 100 }),
      ],
      [core],
      { excluded_packages: ['linux', 'linux', 'nvidia'] },
    );
    expect(s.packages.glibc).toEqual({
      version: '2.39-1',
      repository: 'core',
      size: 4096,
      dependencies: [],
      install_date: '2024-01-15T10:30:00Z',
      reason: 'dependency',
      provides: ['libc.so=6-64'],
      arch: 'x86_64',
    });
    expect(s.packages.bash?.reason).toBe('explicit');
    expect(s.packages.bash?.install_date).toBeNull();
    expect(s.metadata).toMatchObject({ total_packages: 2, total_size: 4196, excluded_packages: ['linux', 'nvidia'] });
  });

  test('a package installed twice is a clear error', () => {
    expect(() => buildPackageState([local('bash', '1-1'), local('bash', '2-1')], [])).toThrow(/packages\.bash.*twice/);
  });
});

describe('canonicalStateText', () => {
  const base = state({
    glibc: dep('2.39-1', { provides: ['libc.so=6-64'] }),
    bash: pkg('5.2.026-2', { depends: ['glibc', 'readline'] }),
    yay: pkg('12.3.5-1', { repository: null }),
  });

  test('identical for a re-capture: other key order, other list order, other install dates', () => {
    const again = state({
      yay: pkg('12.3.5-1', { repository: null, install_date: '2025-01-01T00:00:00Z' }),
      bash: pkg('5.2.026-2', { depends: ['readline', 'glibc'], install_date: null }),
      glibc: dep('2.39-1', { provides: ['libc.so=6-64'] }),
    });
    expect(canonicalStateText(again)).toBe(canonicalStateText(base));
  });

  test.each([
    ['a version changes', { bash: pkg('5.2.026-3', { depends: ['glibc', 'readline'] }) }],
    ['a reason changes', { glibc: pkg('2.39-1', { provides: ['libc.so=6-64'] }) }],
    ['a repository changes', { yay: pkg('12.3.5-1', { repository: 'chaotic-aur' }) }],
    ['a package is added', { zsh: pkg('5.9-5') }],
  ])('different when %s', (_what, change) => {
    const changed = state({ ...base.packages, ...change });
    expect(canonicalStateText(changed)).not.toBe(canonicalStateText(base));
  });

  test('different when a package is removed or the machine excludes other packages', () => {
    const { yay: _gone, ...rest } = base.packages;
    expect(canonicalStateText(state(rest))).not.toBe(canonicalStateText(base));
    expect(canonicalStateText(state(base.packages, { excluded_packages: ['linux*'] }))).not.toBe(canonicalStateText(base));
  });
});

describe.skipIf(sandboxSkipReason({ needRoot: true }))('against the real pacman', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await makeSandbox({
      compression: 'none',
      repos: {
        core: [
          { name: 'glibc', version: '2.39-1' },
          { name: 'bash', version: '5.2.026-2', depends: ['glibc'] },
        ],
        extra: [
          { name: 'bash', version: '9.9-1' },
          { name: 'firefox', version: '125.0-1', depends: ['glibc>=2.38', 'libfoo.so'] },
          { name: 'libfoo', version: '1.0-1', provides: ['libfoo.so=1-64'] },
        ],
      },
      install: ['bash', 'firefox'],
    });
    // A local build, in no repository: foreign.
    const built = await buildPackage({ name: 'yay', version: '12.3.5-1' }, sb.dir);
    await installFiles(sb, [built.path]);
  }, 60_000);
  afterAll(async () => sb?.cleanup());

  function capture(): ReturnType<typeof buildPackageState> {
    const localDir = path.join(sb.dbpath, 'local');
    const installed = readdirSync(localDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => parseDesc(readFileSync(path.join(localDir, e.name, 'desc'), 'utf8'), e.name, 'local', e.name));
    const repos = ['core', 'extra'].map((name) => {
      const file = path.join(sb.dbpath, 'sync', `${name}.db`);
      return { name, packages: new Set(parseSyncDb(readFileSync(file), file).map((p) => p.name)) };
    });
    return buildPackageState(installed, repos);
  }

  const lines = (s: string): string[] => s.trim().split('\n').filter(Boolean).sort();

  test('versions, foreign and explicit packages agree with pacman -Q, -Qm and -Qe', async () => {
    const s = capture();
    const all = Object.entries(s.packages).map(([n, p]) => `${n} ${p.version}`);
    expect(all.sort()).toEqual(lines(await pacmanQ(sb)));
    const foreign = Object.entries(s.packages).filter(([, p]) => p.repository === null);
    expect(foreign.map(([n, p]) => `${n} ${p.version}`)).toEqual(lines(await pacmanQ(sb, '-m')));
    const explicit = Object.entries(s.packages).filter(([, p]) => p.reason === 'explicit');
    expect(explicit.map(([n, p]) => `${n} ${p.version}`).sort()).toEqual(lines(await pacmanQ(sb, '-e')));
    // bash is in core and extra: pacman installed core's (first in pacman.conf), and so do we.
    expect(s.packages.bash).toMatchObject({ version: '5.2.026-2', repository: 'core' });
  });

  test('the canonical text follows what pacman changed: a reason flipped changes it, flipped back restores it', async () => {
    const before = canonicalStateText(capture());
    // pacman rewrites firefox's entry each time; only the install reason differs in between.
    await pacman(sb, ['-D', '--asdeps', 'firefox']);
    const flipped = canonicalStateText(capture());
    await pacman(sb, ['-D', '--asexplicit', 'firefox']);
    expect(flipped).not.toBe(before);
    expect(canonicalStateText(capture())).toBe(before);
  });
});
