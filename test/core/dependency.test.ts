// Dependency strings: split exactly like libalpm's alpm_dep_from_string (checked against the real
// libalpm through the harness), validated on input, and satisfied exactly when the real pacman
// says so (`pacman -T` against a sandbox local database).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  dependencySatisfiedBy,
  formatDependency,
  isValidDependency,
  parseDependency,
  splitDependency,
  type DependencyCandidate,
} from '../../src/core/dependency.js';
import { ValidationError } from '../../src/core/errors.js';
import type { Dependency } from '../../src/core/pacman/types.js';
import { alpmHarness, alpmParseDependencies } from '../support/alpm.js';
import { missingTools } from '../support/tools.js';

const exec = promisify(execFile);

const OPS: Record<string, Dependency['op']> = { any: undefined, eq: '=', ge: '>=', le: '<=', gt: '>', lt: '<' };

describe.skipIf(alpmHarness() === null)('splitDependency against libalpm alpm_dep_from_string', () => {
  test('2000 generated dependency strings split and format exactly as libalpm does', () => {
    const piece = fc.constantFrom(
      'glibc',
      'so:libc.so',
      'a',
      '',
      '<',
      '>',
      '=',
      '<=',
      '>=',
      '==',
      ': ',
      ':',
      ' ',
      '1.0',
      '1:2-3',
      'é',
      'desc text',
      '-',
    );
    const strings = fc.sample(
      fc.array(piece, { maxLength: 6 }).map((p) => p.join('')),
      { numRuns: 2000 },
    );
    const binary = alpmHarness()!;
    const reference = alpmParseDependencies(binary, strings);
    const mismatches: string[] = [];
    strings.forEach((s, i) => {
      const ref = reference[i]!;
      const ours = splitDependency(s);
      const theirs: Dependency = { name: ref.name };
      if (OPS[ref.mod] !== undefined) {
        theirs.op = OPS[ref.mod];
        theirs.version = ref.version ?? '';
      }
      if (ref.desc !== null) theirs.description = ref.desc;
      if (JSON.stringify(ours) !== JSON.stringify(theirs) || formatDependency(ours) !== ref.computed) {
        mismatches.push(
          `${JSON.stringify(s)}: ours ${JSON.stringify(ours)} / ${formatDependency(ours)}, libalpm ${JSON.stringify(theirs)} / ${ref.computed}`,
        );
      }
    });
    expect(mismatches).toEqual([]);
  });
});

describe('parseDependency validates', () => {
  test.each([
    ['glibc>=2.38', { name: 'glibc', op: '>=', version: '2.38' }],
    ['sh', { name: 'sh' }],
    ['so:libc.so=6-64', { name: 'so:libc.so', op: '=', version: '6-64' }],
    ['libGL.so', { name: 'libGL.so' }],
    ['python-pyqt5: for the GUI', { name: 'python-pyqt5', description: 'for the GUI' }],
    ['java-runtime<18', { name: 'java-runtime', op: '<', version: '18' }],
    ['gcc-libs<=1:13.2.1-5', { name: 'gcc-libs', op: '<=', version: '1:13.2.1-5' }],
    ['lib32-glibc>2.39', { name: 'lib32-glibc', op: '>', version: '2.39' }],
  ] as Array<[string, Dependency]>)('%s', (s, expected) => {
    expect(parseDependency(s)).toEqual(expected);
    expect(isValidDependency(s)).toBe(true);
    expect(formatDependency(parseDependency(s))).toBe(s);
  });

  test.each([
    ['', 'must not be empty'],
    ['glibc>=', 'version must not be empty'],
    ['>=1.0', 'dependency name must not be empty'],
    ['foo bar', 'contains U+0020'],
    ['foo>=1.0 beta', 'pkgver contains U+0020'],
    ['-foo', "must not start with '-'"],
    ['foo>=1:2:3', "pkgver contains ':'"],
    ['foo>=1.0-x', 'pkgrel must be'],
    ['foo: two\nlines', 'control characters'],
  ])('rejects %j, naming the field and the problem', (s, problem) => {
    expect(isValidDependency(s)).toBe(false);
    let error: unknown;
    try {
      parseDependency(s, 'packages.foo.dependencies[2]');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('packages.foo.dependencies[2]');
    expect((error as ValidationError).message).toContain(problem);
  });

  test('rejects non-strings', () => {
    expect(() => parseDependency(42, 'deps[0]')).toThrow(/deps\[0\]: dependency must be a string/);
    expect(isValidDependency(null)).toBe(false);
  });
});

// ---- satisfaction against the real pacman ---------------------------------------------------

const segment = fc.constantFrom('0', '1', '2', '10', 'a', 'rc1');
const pkgver = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('.'));
const epoch = fc.option(fc.constantFrom('1', '2'), { nil: undefined });
const fullVersion = fc.tuple(epoch, pkgver, fc.constantFrom('1', '2', '1.1')).map(([e, v, r]) => `${e ? `${e}:` : ''}${v}-${r}`);
const depVersion = fc.oneof(
  fullVersion,
  fc.tuple(epoch, pkgver).map(([e, v]) => `${e ? `${e}:` : ''}${v}`),
);
const opText = fc.constantFrom('', '=', '<', '<=', '>', '>=');

describe.skipIf(missingTools('pacman'))('dependencySatisfiedBy against pacman -T', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pacsync-deptest-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('600 dependencies on 10 packages with provisions: the same verdict as pacman', async () => {
    const provision = fc
      .tuple(fc.constantFrom('v0', 'v1', 'v2', 'p8', 'p9'), fc.constantFrom('', '=', '>='), depVersion)
      .map(([name, op, version]) => (op ? `${name}${op}${version}` : name));
    const packages: DependencyCandidate[] = fc
      .sample(fc.tuple(fullVersion, fc.array(provision, { maxLength: 3 })), { numRuns: 8 })
      .map(([version, provides], i) => ({ name: `p${i}`, version, provides }));
    const deps = fc.sample(
      fc
        .tuple(fc.constantFrom('p0', 'p1', 'p2', 'p3', 'p7', 'p8', 'p9', 'v0', 'v1', 'v2'), opText, depVersion)
        .map(([n, op, v]) => (op ? `${n}${op}${v}` : n)),
      { numRuns: 600 },
    );
    // Most generated versions will not relate to the installed ones: compare against those too.
    for (const p of packages) deps.push(`${p.name}=${p.version}`, `${p.name}<${p.version}`, `${p.name}>=${p.version.replace(/-[^-]*$/, '')}`);

    const db = path.join(dir, 'db');
    await mkdir(path.join(db, 'local'), { recursive: true });
    await mkdir(path.join(dir, 'root'), { recursive: true });
    await writeFile(path.join(db, 'local', 'ALPM_DB_VERSION'), '9\n');
    for (const p of packages) {
      const entry = path.join(db, 'local', `${p.name}-${p.version}`);
      await mkdir(entry);
      const provides = p.provides?.length ? `%PROVIDES%\n${p.provides.join('\n')}\n\n` : '';
      await writeFile(path.join(entry, 'desc'), `%NAME%\n${p.name}\n\n%VERSION%\n${p.version}\n\n${provides}`);
    }
    await writeFile(path.join(dir, 'pacman.conf'), '[options]\n');

    let stdout = '';
    try {
      ({ stdout } = await exec(
        'pacman',
        ['-T', '--config', path.join(dir, 'pacman.conf'), '--root', path.join(dir, 'root'), '--dbpath', db, ...deps],
        {
          env: { ...process.env, LC_ALL: 'C' },
        },
      ));
    } catch (e) {
      const err = e as { code?: number; stdout?: string };
      expect(err.code, 'pacman -T exits 127 when something is unsatisfied').toBe(127);
      stdout = err.stdout ?? '';
    }
    const pacmanUnsatisfied = stdout.split('\n').filter(Boolean);
    const ours = deps.filter((d) => !packages.some((p) => dependencySatisfiedBy(d, p)));
    expect(ours, `packages: ${JSON.stringify(packages)}`).toEqual(pacmanUnsatisfied);
    // The comparison means something only when both verdicts occur.
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.length).toBeLessThan(deps.length);
  });
});
