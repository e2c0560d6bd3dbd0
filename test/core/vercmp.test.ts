// vercmp must be libalpm's alpm_pkg_vercmp, byte for byte: checked against pacman's own test
// cases, and differentially against the real libalpm (the C harness, or /usr/bin/vercmp) on
// generated realistic and hostile pairs, where zero disagreements are allowed.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareVersions, satisfies, vercmp, type VersionOperator } from '../../src/core/vercmp.js';
import { alpmReferenceKind, alpmVercmp, type Pair } from '../support/alpm.js';
import { missingTools } from '../support/tools.js';
import { realisticVersionPairs } from '../support/versions.js';

// pacman's test/util/vercmptest.sh (each case is also checked the other way round), plus cases
// users of other distributions get wrong about pacman.
const DOCUMENTED: Array<[string, string, number]> = [
  // all similar length, no pkgrel
  ['1.5.0', '1.5.0', 0],
  ['1.5.1', '1.5.0', 1],
  // mixed length
  ['1.5.1', '1.5', 1],
  // with pkgrel, simple
  ['1.5.0-1', '1.5.0-1', 0],
  ['1.5.0-1', '1.5.0-2', -1],
  ['1.5.0-1', '1.5.1-1', -1],
  ['1.5.0-2', '1.5.1-1', -1],
  // with pkgrel, mixed lengths
  ['1.5-1', '1.5.1-1', -1],
  ['1.5-2', '1.5.1-1', -1],
  ['1.5-2', '1.5.1-2', -1],
  // mixed pkgrel inclusion: a missing pkgrel compares equal to any
  ['1.5', '1.5-1', 0],
  ['1.5-1', '1.5', 0],
  ['1.1-1', '1.1', 0],
  ['1.0-1', '1.1', -1],
  ['1.1-1', '1.0', 1],
  // alphanumeric versions
  ['1.5b-1', '1.5-1', -1],
  ['1.5b', '1.5', -1],
  ['1.5b-1', '1.5', -1],
  ['1.5b', '1.5.1', -1],
  // from the manpage
  ['1.0a', '1.0alpha', -1],
  ['1.0alpha', '1.0b', -1],
  ['1.0b', '1.0beta', -1],
  ['1.0beta', '1.0rc', -1],
  ['1.0rc', '1.0', -1],
  // alpha-dotted versions
  ['1.5.a', '1.5', 1],
  ['1.5.b', '1.5.a', 1],
  ['1.5.1', '1.5.b', 1],
  // alpha dots and dashes
  ['1.5.b-1', '1.5.b', 0],
  ['1.5-1', '1.5.b', -1],
  // same/similar content, differing separators
  ['2.0', '2_0', 0],
  ['2.0_a', '2_0.a', 0],
  ['2.0a', '2.0.a', -1],
  ['2___a', '2_a', 1],
  // epoch included version comparisons
  ['0:1.0', '0:1.0', 0],
  ['0:1.0', '0:1.1', -1],
  ['1:1.0', '0:1.0', 1],
  ['1:1.0', '0:1.1', 1],
  ['1:1.0', '2:1.1', -1],
  // epoch + sometimes present pkgrel
  ['1:1.0', '0:1.0-1', 1],
  ['1:1.0-1', '0:1.1-1', 1],
  // epoch included on one version
  ['0:1.0', '1.0', 0],
  ['0:1.0', '1.1', -1],
  ['0:1.1', '1.0', 1],
  ['1:1.0', '1.0', 1],
  ['1:1.0', '1.1', 1],
  ['1:1.1', '1.1', 1],
  // beyond the suite
  ['1.0', '1.0.1', -1],
  ['1.0~rc1', '1.0', 1], // '~' is just a separator for pacman, unlike dpkg
  ['1.002', '1.2', 0], // leading zeros are dropped
  ['1.18446744073709551616', '1.18446744073709551615', 1], // beyond 2^64
  ['1.0-1.1', '1.0-1', 1], // pkgrel N.M
  ['', '', 0],
  ['', '1', -1],
  ['', 'a', 1],
  [':1.0', '0:1.0', 0], // an empty epoch is 0
  ['1.0-', '1.0-1', -1], // an empty pkgrel is still a pkgrel
  ['1é2', '1..2', 0], // separators count in UTF-8 bytes
  ['6.9.7.arch1-1', '6.9.10.arch1-1', -1],
  ['r2719.3bb9e63-2', 'r2622.3bb9e63-2', 1],
];

describe("vercmp: pacman's documented cases", () => {
  test.each(DOCUMENTED)('vercmp(%j, %j) = %i, and the reverse', (a, b, expected) => {
    expect(vercmp(a, b)).toBe(expected);
    expect(vercmp(b, a)).toBe(-expected || 0);
  });

  test('compareVersions sorts like pacman: alpha < beta < rc < release < patch', () => {
    const sorted = ['1.0', '1.0rc1', '1.0.1', '1:0.1', '1.0beta', '1.0alpha'].sort(compareVersions);
    expect(sorted).toEqual(['1.0alpha', '1.0beta', '1.0rc1', '1.0', '1.0.1', '1:0.1']);
  });
});

// ---- generators ------------------------------------------------------------------------------

const digits = fc.oneof(
  fc.nat(20).map(String),
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.nat(99)).map(([z, n]) => '0'.repeat(z) + n), // leading zeros
  fc.bigInt({ min: 2n ** 53n - 2n, max: 10n ** 40n }).map(String), // beyond exact doubles
);
const letters = fc.constantFrom('a', 'b', 'z', 'A', 'Z', 'alpha', 'beta', 'rc', 'pre', 'git', 'r', 'aa');
const separators = fc.constantFrom('.', '_', '+', '~', '-', ':', '..', '__', '.-', '', ' ', '/', '%', 'é', '€', '😀', '\t', '\n');
const token = fc.oneof({ weight: 3, arbitrary: digits }, { weight: 2, arbitrary: letters }, { weight: 3, arbitrary: separators });
const tokens = fc.array(token, { maxLength: 8 });

/** Independent strings, and near-misses: one token replaced, inserted or deleted. */
const hostilePair: fc.Arbitrary<Pair> = fc
  .oneof(
    fc.tuple(tokens, tokens).map(([a, b]): Pair => [a.join(''), b.join('')]),
    fc.tuple(tokens, fc.nat(8), token, fc.constantFrom('replace', 'insert', 'delete')).map(([a, at, t, how]): Pair => {
      const b = [...a];
      const k = at % (a.length + 1);
      if (how === 'insert') b.splice(k, 0, t);
      else if (how === 'replace') b[k] = t;
      else b.splice(k, 1);
      return [a.join(''), b.join('')];
    }),
    // any characters at all (no NUL: a C string cannot hold one)
    fc.tuple(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 })),
  )
  .filter(([a, b]) => !a.includes('\0') && !b.includes('\0'));

/** Versions of the shape packages have: alphanumeric segments joined by one separator. */
const segment = fc.constantFrom('0', '1', '2', '00', '10', '99', 'a', 'b', 'rc', 'z', '1a', 'a1', '2b3');
const pkgver = fc
  .tuple(segment, fc.array(fc.tuple(fc.constantFrom('.', '_', '+', '~'), segment), { maxLength: 4 }))
  .map(([head, rest]) => head + rest.map(([s, x]) => s + x).join(''));
const wellFormed = fc
  .tuple(fc.option(fc.nat(2)), pkgver, fc.nat(3))
  .map(([epoch, ver, rel]) => `${epoch === null ? '' : `${epoch}:`}${ver}-${rel + 1}`);

function disagreements(pairs: readonly Pair[]): string[] {
  const reference = alpmVercmp(pairs);
  const out: string[] = [];
  pairs.forEach(([a, b], i) => {
    const ours = vercmp(a, b);
    if (ours !== reference[i]) out.push(`vercmp(${JSON.stringify(a)}, ${JSON.stringify(b)}) = ${ours}, libalpm ${reference[i]}`);
  });
  return out;
}

describe.skipIf(missingTools('vercmp'))('vercmp against the real libalpm', () => {
  // The harness answers thousands of pairs per process; one /usr/bin/vercmp per pair does not.
  const many = alpmReferenceKind() === 'harness';

  test("pacman's documented cases agree with libalpm", () => {
    const pairs = DOCUMENTED.flatMap(([a, b]): Pair[] => [
      [a, b],
      [b, a],
    ]);
    expect(disagreements(pairs)).toEqual([]);
  });

  test(`${many ? '20000' : '300'} generated hostile pairs: no disagreement`, () => {
    const seed = Date.now() ^ (Math.random() * 2 ** 31);
    const pairs = fc.sample(hostilePair, { numRuns: many ? 20_000 : 300, seed });
    expect(disagreements(pairs), `fast-check seed ${seed}`).toEqual([]);
  });

  test(`${many ? '20000' : '100'} realistic Arch version pairs: no disagreement`, () => {
    const seed = Date.now() >>> 0;
    const pairs = realisticVersionPairs(many ? 20_000 : 100, seed);
    expect(disagreements(pairs), `seed ${seed}`).toEqual([]);
  });

  test('libalpm is not transitive on malformed versions, and neither are we', () => {
    // "..z" < "." < "0" yet "..z" > "0": a consumer must not assume a total order on garbage.
    const pairs: Pair[] = [
      ['..z', '.'],
      ['.', '0'],
      ['..z', '0'],
    ];
    expect(alpmVercmp(pairs)).toEqual([-1, -1, 1]);
    expect(pairs.map(([a, b]) => vercmp(a, b))).toEqual([-1, -1, 1]);
  });
});

describe('vercmp properties', () => {
  test('reflexive: every string equals itself, also when built separately', () => {
    fc.assert(
      fc.property(tokens, (t) => vercmp(t.join(''), [...t].join('')) === 0),
      { numRuns: 2000 },
    );
  });

  test('antisymmetric: vercmp(a, b) = -vercmp(b, a)', () => {
    fc.assert(
      fc.property(hostilePair, ([a, b]) => vercmp(a, b) === -vercmp(b, a)),
      { numRuns: 5000 },
    );
  });

  test('transitive on well-formed versions', () => {
    fc.assert(
      fc.property(wellFormed, wellFormed, wellFormed, (a, b, c) => {
        if (vercmp(a, b) <= 0 && vercmp(b, c) <= 0) return vercmp(a, c) <= 0;
        return true;
      }),
      { numRuns: 20_000 },
    );
  });

  test('sorting well-formed versions gives the same order from any starting order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(wellFormed, { minLength: 2, maxLength: 30 }), (vs) => {
        const once = [...vs].sort(vercmp);
        const twice = [...vs].reverse().sort(vercmp);
        return once.every((v, i) => vercmp(v, twice[i]!) === 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('satisfies (libalpm dep_vercmp)', () => {
  const cases: Array<[string, VersionOperator | undefined, string | undefined, boolean]> = [
    ['2.0-3', '=', '2.0', true], // no pkgrel required: any release
    ['2.0-3', '=', '2.0-2', false],
    ['2.0-3', '>=', '2.0-3', true],
    ['2.0-3', '>', '2.0', false], // equal to 2.0, so not greater
    ['2.0-3', '<', '2.0.1', true],
    ['1:1.0-1', '>=', '2.0', true], // the epoch wins
    ['1.0-1', '<=', '1.0', true],
    ['1.0-1', undefined, undefined, true],
  ];
  test.each(cases)('%s %s %s -> %s', (version, op, required, expected) => {
    expect(satisfies(version, op, required)).toBe(expected);
  });
});
