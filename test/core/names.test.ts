// Validators for names, versions, repositories and exclusion patterns. The reference for package
// names and versions is makepkg's own lint (libmakepkg lint_one_pkgname, check_fullpkgver), run
// in bash on generated input; where we are deliberately stricter the tests say so explicitly.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import {
  isValidDependencyName,
  isValidExclusionPattern,
  isValidPackageName,
  isValidRepositoryName,
  isValidVersion,
  validateExclusionPattern,
  validatePackageName,
  validateRepositoryName,
  validateVersion,
} from '../../src/core/names.js';
import { missingTools } from '../support/tools.js';
import { realisticVersionPairs } from '../support/versions.js';

const LINT = `
shopt -s extglob
export LC_ALL=C
LIBRARY=/usr/share/makepkg
source "$LIBRARY/lint_pkgbuild/pkgname.sh"
source "$LIBRARY/lint_pkgbuild/fullpkgver.sh"
error() { :; }
while IFS= read -r -d '' x; do
  case $1 in
    name) if lint_one_pkgname pkgname "$x"; then echo 1; else echo 0; fi ;;
    fullver) if check_fullpkgver "$x"; then echo 1; else echo 0; fi ;;
  esac
done
`;

/** makepkg's verdict for every string (`name`: lint_one_pkgname, `fullver`: check_fullpkgver). */
function makepkgLint(mode: 'name' | 'fullver', values: readonly string[]): boolean[] {
  const out = execFileSync('bash', ['-c', LINT, 'lint', mode], { input: values.map((v) => `${v}\0`).join(''), encoding: 'utf8' });
  return out
    .split('\n')
    .slice(0, values.length)
    .map((l) => l === '1');
}

/** The error `fn` throws, asserted to be a ValidationError. */
function validationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError, nothing was thrown');
}

// Characters where our rules and makepkg's are meant to agree (no control characters, no
// '<', '>', '=': see the "stricter than makepkg" tests).
const nameChars = fc.constantFrom('a', 'z', '0', '9', '@', '.', '_', '+', '-', ' ', '/', ':', 'é', '*', '#', '\t');
const versionChars = fc.constantFrom('1', '0', 'a', 'Z', '.', '_', '+', '~', '@', ':', '-', '/', ' ', '\t', 'é', '%');

describe('package names', () => {
  test.each([
    'glibc',
    'linux-lts',
    'lib32-glibc',
    'libc++',
    'xorg-server',
    '0ad',
    'r',
    'python-pyqt5',
    'gtk-update-icon-cache',
    'dotnet-runtime-8.0',
    'vim-plugin@x',
    'a_b',
  ])('accepts %s', (name) => {
    expect(validatePackageName(name)).toBe(name);
    expect(isValidPackageName(name)).toBe(true);
  });

  test.each([
    ['', 'must not be empty'],
    ['-foo', "must not start with '-' or '.'"],
    ['.foo', "must not start with '-' or '.'"],
    ['Firefox', "contains 'F'"],
    ['foo bar', 'contains U+0020'],
    ['foo/bar', "contains '/'"],
    ['föo', "contains 'ö'"],
    ['a'.repeat(256), 'longer than 255'],
  ])('rejects %j with a message naming the field', (name, problem) => {
    const e = validationError(() => validatePackageName(name, 'packages.x'));
    expect(e.field).toBe('packages.x');
    expect(e.code).toBe('VALIDATION_ERROR');
    expect(e.message).toContain(problem);
    expect(isValidPackageName(name)).toBe(false);
  });

  test('rejects non-strings', () => {
    expect(validationError(() => validatePackageName(7)).message).toBe('name: package name must be a string');
    expect(isValidPackageName(undefined)).toBe(false);
  });

  test.skipIf(missingTools('makepkg'))(
    "agrees with makepkg's lint on 1000 generated names, except upper case (the spec keeps names lower case)",
    () => {
      const names = fc.sample(
        fc.oneof(fc.string({ unit: nameChars, maxLength: 8 }), fc.string({ unit: fc.constantFrom('a', 'B', '-', '.', '1'), maxLength: 4 })),
        { numRuns: 1000 },
      );
      const makepkg = makepkgLint('name', names);
      const mismatches = names.filter((n, i) => isValidPackageName(n) !== (makepkg[i] && n === n.toLowerCase()));
      expect(mismatches).toEqual([]);
      expect(makepkg.filter(Boolean).length).toBeGreaterThan(50); // both verdicts were exercised
      expect(makepkg.filter((ok) => !ok).length).toBeGreaterThan(50);
    },
  );
});

describe('versions', () => {
  test('accepts every version of the realistic corpus', () => {
    const versions = realisticVersionPairs(2000).flat();
    expect(versions.filter((v) => !isValidVersion(v))).toEqual([]);
  });

  test.each([
    ['1.0', 'has no pkgrel'],
    ['1.0-', 'pkgrel must be'],
    ['1.0-a', 'pkgrel must be'],
    ['1.0-1.2.3', 'pkgrel must be'],
    ['1.0-1-1', "pkgver contains '-'"],
    ['a:1.0-1', 'epoch must be'],
    [':1.0-1', 'epoch must be'],
    ['1:2:3-1', "pkgver contains ':'"],
    ['1 0-1', 'pkgver contains U+0020'],
    ['1/0-1', "pkgver contains '/'"],
    ['é-1', "pkgver contains 'é'"],
    ['-1', 'pkgver must not be empty'],
    ['', 'must not be empty'],
  ])('rejects %j with a message naming the field', (version, problem) => {
    const e = validationError(() => validateVersion(version, 'packages.glibc.version'));
    expect(e.field).toBe('packages.glibc.version');
    expect(e.message).toContain(problem);
    expect(isValidVersion(version)).toBe(false);
  });

  test('a pkgrel is required for package versions, optional for versions in dependencies', () => {
    expect(isValidVersion('2.38')).toBe(false);
    expect(isValidVersion('2.38', { requirePkgrel: false })).toBe(true);
    expect(isValidVersion('1:2.38', { requirePkgrel: false })).toBe(true);
    expect(validateVersion('1:2.38-3')).toBe('1:2.38-3');
  });

  // makepkg never writes an empty epoch into a package's version (`${epoch:+$epoch:}`).
  const STRICTER = ['1\u0001-1', '1\u007f-1', '1<2-1', '1>2-1', '1=2-1', ':1.0-1'];

  test('stricter than makepkg: control characters and < > = in pkgver, and an empty epoch, are refused', () => {
    for (const v of STRICTER) expect(isValidVersion(v), v).toBe(false);
  });

  test.skipIf(missingTools('makepkg'))('makepkg itself accepts those', () => {
    expect(makepkgLint('fullver', STRICTER)).toEqual(STRICTER.map(() => true));
  });

  test.skipIf(missingTools('makepkg'))("agrees with makepkg's check_fullpkgver on 1000 generated versions (pkgrel optional there)", () => {
    const versions = fc
      .sample(
        fc.oneof(
          fc.string({ unit: versionChars, maxLength: 8 }),
          fc.tuple(fc.string({ unit: versionChars, maxLength: 5 }), fc.constantFrom('-1', '-1.2', '-x', '-', '-1.', '-01')).map(([a, b]) => a + b),
        ),
        { numRuns: 1000 },
      )
      .filter((v) => !v.startsWith(':')); // an empty epoch: see "stricter than makepkg"
    const makepkg = makepkgLint('fullver', versions);
    const mismatches = versions.filter((v, i) => isValidVersion(v, { requirePkgrel: false }) !== makepkg[i]);
    expect(mismatches).toEqual([]);
    expect(makepkg.filter(Boolean).length).toBeGreaterThan(50);
    expect(makepkg.filter((ok) => !ok).length).toBeGreaterThan(50);
  });
});

describe('dependency names', () => {
  test('provisions may hold upper case and a namespace prefix', () => {
    for (const n of ['libGL.so', 'so:libc.so', 'java-runtime', 'sh']) expect(isValidDependencyName(n), n).toBe(true);
    for (const n of ['', '-x', 'a b', 'a>b', 'é']) expect(isValidDependencyName(n), n).toBe(false);
  });
});

describe('repository names', () => {
  test.each(['core', 'extra', 'multilib', 'core-testing', 'home_user_Arch', 'chaotic-aur', 'archlinuxcn'])('accepts %s', (name) => {
    expect(validateRepositoryName(name)).toBe(name);
  });

  test.each([
    ['options', 'reserved'],
    ['local', 'reserved'],
    ['', 'must not be empty'],
    ['my repo', 'contains U+0020'],
    ['a/b', "contains '/'"],
    ['-x', "must not start with '-'"],
  ])('rejects %j', (name, problem) => {
    const e = validationError(() => validateRepositoryName(name, 'excluded_repos[0]'));
    expect(e.field).toBe('excluded_repos[0]');
    expect(e.message).toContain(problem);
    expect(isValidRepositoryName(name)).toBe(false);
  });
});

describe('exclusion patterns', () => {
  test.each(['linux*', 'python-?', 'lib[0-9]*', '[!a]*', '[^a]*', 'firefox', '*', 'lib32-*', '[]a]*'])('accepts %s', (p) => {
    expect(validateExclusionPattern(p)).toBe(p);
  });

  test.each([
    ['', 'must not be empty'],
    ['linux *', 'contains U+0020'],
    ['LINUX*', "contains 'L'"],
    ['a]', "']' without '['"],
    ['[abc', "'[' without ']'"],
    ['!linux', 'negated patterns are not supported'],
    ['.*', 'can never match'],
    ['x'.repeat(256), 'longer than 255'],
  ])('rejects %j', (p, problem) => {
    const e = validationError(() => validateExclusionPattern(p));
    expect(e.field).toBe('excluded_packages');
    expect(e.message).toContain(problem);
    expect(isValidExclusionPattern(p)).toBe(false);
  });
});
