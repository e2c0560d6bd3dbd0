// Package sets that exercise the corners of pacman's formats, for the parser, reader and command
// tests (built into real repositories with test/support/pacman-sandbox.ts).
import type { PackageSpec } from './pacman-sandbox.js';

/** A name long enough that `<name>-<version>/desc` exceeds ustar's 100 bytes (pax header). */
export const LONG_NAME = `python-${'very-long-package-name-'.repeat(4)}plugin`;

const manyDeps = Array.from({ length: 30 }, (_, i) => `dep${String(i).padStart(2, '0')}`);

/** `core`: libraries and dependencies. */
export function coreRepo(): PackageSpec[] {
  return [
    {
      name: 'glibc',
      version: '2.39+r52+gf8e4623421-1',
      provides: ['libc.so=6-64', 'glibc-locales'],
      size: 47_000_000,
      licenses: ['GPL-2.0-or-later', 'LGPL-2.1-or-later'],
    },
    { name: 'bash', version: '5.2.026-2', depends: ['glibc', 'readline>=8.0'], provides: ['sh'], backup: ['etc/bash.bashrc'], groups: ['base'] },
    { name: 'readline', version: '8.2.010-1', depends: ['glibc', 'ncurses', 'libncursesw.so=6-64'] },
    { name: 'ncurses', version: '6.5-3', depends: ['glibc'], provides: ['libncursesw.so=6-64'] },
    // One package providing many names (cheaper to build than thirty packages, and Required By
    // then goes through provisions, versioned and not).
    { name: 'depbundle', version: '1.0-1', provides: manyDeps.map((n, i) => (i % 2 ? `${n}=${i}.0` : n)), size: 1536 },
    { name: 'dep00', version: '0.5-1', size: 1024 * 1024 * 2048 },
  ];
}

/** `extra`: the odd ones. */
export function extraRepo(): PackageSpec[] {
  return [
    {
      name: 'epochal',
      version: '2:1.0rc1-3',
      desc: 'A package whose description is long enough to be wrapped by pacman when the terminal is only sixty columns wide',
      depends: ['bash', 'glibc>=2.38', 'sh'],
      optdepends: ['python: for the scripts', 'ncurses: terminal support', 'libncursesw.so=6: wide characters'],
      conflicts: ['epochal-git'],
      replaces: ['oldepochal'],
      provides: ['epoch-provider=2.0'],
      groups: ['odd', 'test-group'],
      licenses: ['MIT', 'Apache-2.0', 'custom:Some License Text'],
      size: 2176, // 2.125 KiB: printf rounds the tie to even ("2.12")
    },
    { name: 'manydeps', version: '1.0-1', depends: manyDeps.map((n, i) => (i % 4 === 1 ? `${n}>=${i}` : n)), size: 5 * 1024 ** 3 + 123_456_789 },
    { name: 'git-snapshot', version: '20230101.r5.gabc1234-2', depends: ['epoch-provider>=1.5'], arch: 'any' },
    { name: 'arch-suffix', version: '6.9.7.arch1-1', depends: ['libc.so=6-64'], builddate: 1_000_000_000, size: 0 },
    { name: LONG_NAME, version: '1.0-1', desc: 'Unicode text: naïve café — ünïcödé', size: 1023 },
    { name: 'scripted', version: '1.0-1', install: 'post_install() {\n  echo hi\n}\n', size: 2048 },
    { name: 'notinstalled', version: '3.0-1' },
    { name: 'upgradable', version: '2.0-1' },
  ];
}
