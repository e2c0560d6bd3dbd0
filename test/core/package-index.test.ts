// The package index (what a pool-wide drift recomputation reads instead of the full state) gives
// exactly the drift the full state gives — counts, status and per-package lists — for random
// states, targets, pool and endpoint exclusions; and it refuses what it cannot carry exactly.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { computeDrift, prepareTarget } from '../../src/core/drift.js';
import { decodePackageIndex, decodePackageList, encodePackageIndex, PackageIndexFormatError } from '../../src/core/package-index.js';
import type { PackageStateData, StatePackage } from '../../src/core/package-state.js';
import { pkg, state } from '../support/package-states.js';

// Few names so that targets and states overlap; digits-only and prototype names on purpose (an
// object's integer keys iterate first; "__proto__" must stay an ordinary key).
const NAMES = [
  'linux',
  'linux-firmware',
  'glibc',
  'gcc',
  'firefox',
  'git',
  'yay',
  'nvidia-utils',
  '0ad',
  '7zip',
  '42',
  '__proto__',
  'constructor',
  'lib32-glibc',
  'python',
  'python-pip',
];
const versionArb = fc.constantFrom('1.0-1', '1.0-01', '1.1-1', '2.0-1', '1:0.5-1', '2.0rc1-1', '2.0.r12.gabc-2', '6.9.7.arch1-1');
const pkgArb: fc.Arbitrary<StatePackage> = fc
  .record({
    version: versionArb,
    reason: fc.constantFrom('explicit' as const, 'dependency' as const, undefined),
    repository: fc.constantFrom('core', 'extra', 'testing', 'multilib', '', null),
  })
  .map(({ version, reason, repository }) => {
    const p = pkg(version, { repository });
    if (reason === undefined) delete p.reason;
    else p.reason = reason;
    return p;
  });
const entriesArb = fc.uniqueArray(fc.tuple(fc.constantFrom(...NAMES), pkgArb), { selector: ([n]) => n, maxLength: NAMES.length });
/**
 * As JSON.parse makes it from an agent's report (which may not be sorted). Object.fromEntries,
 * unlike assignment, keeps "__proto__" an own key.
 */
const toState = (entries: [string, StatePackage][], excluded: string[]): PackageStateData =>
  JSON.parse(
    JSON.stringify({ packages: Object.fromEntries(entries), metadata: { ...state({}).metadata, excluded_packages: excluded } }),
  ) as PackageStateData;
const patternArb = fc.subarray(['linux*', 'nvidia*', 'git', 'python-*', '4?', '__proto__', 'z*']);

describe('package index', () => {
  test('drift from the decoded index equals drift from the full state (random states, targets, exclusions)', () => {
    fc.assert(
      fc.property(
        entriesArb,
        entriesArb,
        patternArb,
        patternArb,
        fc.subarray(['testing', 'multilib', '']),
        patternArb,
        fc.boolean(),
        fc.boolean(),
        (targetEntries, stateEntries, own, poolPackages, poolRepos, endpointMore, removeExtra, pending) => {
          const target = prepareTarget(toState(targetEntries, []), {
            exclusions: { packages: poolPackages, repos: poolRepos },
            remove_extra: removeExtra,
          });
          const full = toState(stateEntries, own);
          const text = encodePackageIndex(full);
          expect(text).not.toBeNull();
          const decoded = decodePackageIndex(text as string);
          // The list form (what a pool-wide recomputation reads) too.
          const list = decodePackageList(text as string);
          for (const options of [{ details: true, endpoint_exclusions: endpointMore, sync_pending: pending }, {}]) {
            const expected = computeDrift(target, full, options);
            expect(computeDrift(target, decoded, options)).toEqual(expected);
            expect(computeDrift(target, list, options)).toEqual(expected);
          }
          expect(computeDrift(null, decoded)).toEqual(computeDrift(null, full));
          expect(computeDrift(null, list)).toEqual(computeDrift(null, full));
        },
      ),
      { numRuns: 400 },
    );
  });

  test('the index keeps each package’s version, reason and repository (null and empty apart), sorted by name', () => {
    const full = toState(
      [
        ['zsh', pkg('5.9-5', { repository: 'extra' })],
        ['__proto__', pkg('1-1', { repository: null, reason: 'dependency' })],
        ['a', pkg('1-1', { repository: '' })],
      ],
      ['linux*'],
    );
    const text = encodePackageIndex(full) as string;
    expect(
      text
        .split('\n')
        .slice(1)
        .map((l) => l.split('\t')[0]),
    ).toEqual(['__proto__', 'a', 'zsh']);
    const d = decodePackageIndex(text);
    expect(Object.keys(d.packages)).toEqual(['__proto__', 'a', 'zsh']);
    expect(Object.getOwnPropertyDescriptor(d.packages, '__proto__')?.value).toEqual({ version: '1-1', repository: null, reason: 'dependency' });
    expect(d.packages.a).toEqual({ version: '1-1', repository: '', reason: 'explicit' });
    expect(d.metadata?.excluded_packages).toEqual(['linux*']);
    // A tenth of the full state's JSON or less: the point of storing it.
    expect(text.length * 3).toBeLessThan(JSON.stringify(full).length);
  });

  test('a field the text form cannot carry exactly means no index (readers use the full state)', () => {
    expect(encodePackageIndex(state({ 'bad\tname': '1-1' }))).toBeNull();
    expect(encodePackageIndex(state({ ok: pkg('1-1\n2', {}) }))).toBeNull();
    expect(encodePackageIndex(state({ ok: pkg('1-1', { repository: 'co\tre' }) }))).toBeNull();
    const odd = state({ ok: '1-1' });
    (odd.packages.ok as unknown as { repository: undefined }).repository = undefined;
    expect(encodePackageIndex(odd)).toBeNull();
  });

  test('text this build did not write is refused by name, not misread', () => {
    expect(() => decodePackageIndex('something else\nx\t1\te')).toThrow(PackageIndexFormatError);
    expect(() => decodePackageIndex('pacsync-index 1\t[]\nonly-a-name')).toThrow(/package index: bad line/);
  });
});
