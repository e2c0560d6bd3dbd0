// A target must be a set pacman would accept: every dependency satisfied inside it. Hand cases for
// each rule of libalpm's dependency check, then the real pacman as the reference: sets of built
// packages installed together with `pacman -U` into an empty sandbox root (no repositories, so
// nothing can come from elsewhere) — pacman accepts exactly the sets we find consistent; and with
// the set installed regardless, `pacman -T` finds exactly the dependencies we name unsatisfied.
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { checkConsistency } from '../../src/core/consistency.js';
import type { StatePackage } from '../../src/core/package-state.js';
import { buildPackage, createSandbox, pacman, sandboxSkipReason, type PackageSpec } from '../support/pacman-sandbox.js';
import { dep, pkg } from '../support/package-states.js';

describe('checkConsistency, by hand', () => {
  test('a complete set is consistent', () => {
    expect(
      checkConsistency({
        glibc: dep('2.39-1'),
        bash: pkg('5.2.026-2', { depends: ['glibc', 'readline>=8.0', 'sh'] }),
        readline: dep('8.2.010-1', { depends: ['glibc'] }),
        dash: pkg('0.5.12-1', { provides: ['sh'] }),
      }),
    ).toEqual([]);
  });

  test('a missing dependency is named', () => {
    expect(checkConsistency({ bash: pkg('5.2.026-2', { depends: ['glibc', 'readline'] }), glibc: dep('2.39-1') })).toEqual([
      { package: 'bash', dependency: 'readline', reason: 'missing' },
    ]);
  });

  test('a too-old dependency is named with the version found', () => {
    expect(checkConsistency({ firefox: pkg('125.0-1', { depends: ['glibc>=2.40'] }), glibc: dep('2.39-1') })).toEqual([
      { package: 'firefox', dependency: 'glibc>=2.40', reason: 'version', found: '2.39-1' },
    ]);
  });

  test('versions without pkgrel match any pkgrel; with one, only that release; epochs count', () => {
    const set = (d: string): Record<string, StatePackage> => ({ a: pkg('1-1', { depends: [d] }), glibc: dep('2.39-1'), python: dep('1:3.10.1-1') });
    expect(checkConsistency(set('glibc=2.39'))).toEqual([]);
    expect(checkConsistency(set('glibc>=2.39'))).toEqual([]);
    expect(checkConsistency(set('glibc=2.39-2'))).toHaveLength(1);
    expect(checkConsistency(set('glibc<2.39'))).toHaveLength(1);
    expect(checkConsistency(set('python>=3.11'))).toEqual([]);
  });

  test('a versioned provision satisfies versioned dependencies it meets', () => {
    const libs = { libfoo: dep('1.4-1', { provides: ['libfoo.so=1-64'] }) };
    expect(checkConsistency({ ...libs, app: pkg('1-1', { depends: ['libfoo.so=1-64'] }) })).toEqual([]);
    expect(checkConsistency({ ...libs, app: pkg('1-1', { depends: ['libfoo.so>=1'] }) })).toEqual([]);
    expect(checkConsistency({ ...libs, app: pkg('1-1', { depends: ['libfoo.so>=2'] }) })).toEqual([
      { package: 'app', dependency: 'libfoo.so>=2', reason: 'version', found: 'libfoo.so=1-64 (provided by libfoo)' },
    ]);
  });

  test('an unversioned provision never satisfies a versioned dependency', () => {
    const set = { bash: pkg('5.2.026-2', { provides: ['sh'] }) };
    expect(checkConsistency({ ...set, script: pkg('1-1', { depends: ['sh'] }) })).toEqual([]);
    expect(checkConsistency({ ...set, script: pkg('1-1', { depends: ['sh>=1'] }) })).toEqual([
      { package: 'script', dependency: 'sh>=1', reason: 'version', found: 'sh (provided by bash, without a version)' },
    ]);
  });
});

// ---- against pacman ---------------------------------------------------------------------------

const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'eps'];
const VIRTUAL = ['libv.so', 'vshell'];
const VERSIONS = ['1.0-1', '1.0-2', '1.2-1', '2.0-1', '1:0.5-1'];
const OPS = ['', '>=', '<=', '=', '<', '>'];

const depArb = fc
  .tuple(fc.constantFrom(...NAMES, ...VIRTUAL), fc.constantFrom(...OPS), fc.constantFrom('1.0', '1.0-1', '1.2', '2.0-1', '1:0.5'))
  .map(([n, op, v]) => (op === '' ? n : `${n}${op}${v}`));
const provArb = fc
  .tuple(fc.constantFrom(...VIRTUAL), fc.boolean(), fc.constantFrom('1.0-1', '2.0-1'))
  .map(([n, versioned, v]) => (versioned ? `${n}=${v}` : n));
const setArb = fc.uniqueArray(
  fc.record({
    name: fc.constantFrom(...NAMES),
    version: fc.constantFrom(...VERSIONS),
    depends: fc.uniqueArray(depArb, { maxLength: 3 }),
    provides: fc.uniqueArray(provArb, { maxLength: 1, selector: (p) => p.split('=')[0] }),
  }),
  { minLength: 1, maxLength: 5, selector: (p) => p.name },
);

const UNSATISFIED = /unable to satisfy dependency '([^']+)' required by (\S+)/g;

describe.skipIf(sandboxSkipReason({ needRoot: true }))('checkConsistency against pacman', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  interface Verdict {
    /** `pacman -U` of the whole set into an empty root succeeded. */
    accepted: boolean;
    /** `package: dependency` pairs pacman -U complained about (it also reports knock-on failures). */
    refused: string[];
    /** Dependency strings `pacman -T` finds unsatisfied once the set is installed regardless (-Udd). */
    unsatisfied: string[];
  }

  async function pacmanVerdict(specs: PackageSpec[]): Promise<Verdict> {
    const sb = await createSandbox();
    cleanups.push(sb.cleanup);
    const files: string[] = [];
    for (const s of specs) files.push((await buildPackage(s, sb.dir)).path);
    const res = await pacman(sb, ['-U', '--noscriptlet', ...files], { allowFailure: true });
    const refused = [...new Set([...`${res.stdout}\n${res.stderr}`.matchAll(UNSATISFIED)].map((m) => `${m[2]}: ${m[1]}`))].sort();
    // A refusal for another reason (conflicts, files) would make the comparison meaningless.
    if (res.code !== 0) expect(refused.length, `pacman failed otherwise: ${res.stderr}`).toBeGreaterThan(0);
    // pacman -T: libalpm's own satisfier search over the installed set, one dependency at a time.
    if (res.code !== 0) await pacman(sb, ['-Udd', '--noscriptlet', ...files]);
    const deps = [...new Set(specs.flatMap((s) => s.depends ?? []))];
    const t = deps.length > 0 ? await pacman(sb, ['-T', ...deps], { allowFailure: true }) : { stdout: '' };
    const unsatisfied = t.stdout.split('\n').filter(Boolean).sort();
    return { accepted: res.code === 0, refused, unsatisfied };
  }

  function ours(specs: PackageSpec[]): { pairs: string[]; deps: string[] } {
    const set: Record<string, StatePackage> = {};
    for (const s of specs) set[s.name] = pkg(s.version, { depends: s.depends ?? [], provides: s.provides ?? [] });
    const found = checkConsistency(set);
    return {
      pairs: found.map((u) => `${u.package}: ${u.dependency}`).sort(),
      deps: [...new Set(found.map((u) => u.dependency))].sort(),
    };
  }

  test('hand sets: consistent, missing dependency, too-old dependency, provisions', async () => {
    const sets: PackageSpec[][] = [
      [
        { name: 'glibc', version: '2.39-1', provides: ['libc.so=6-64'] },
        { name: 'bash', version: '5.2.026-2', depends: ['glibc>=2.38', 'libc.so=6-64'], provides: ['sh'] },
        { name: 'script', version: '1.0-1', depends: ['sh'] },
      ],
      [{ name: 'bash', version: '5.2.026-2', depends: ['readline'] }],
      [
        { name: 'glibc', version: '2.39-1' },
        { name: 'firefox', version: '125.0-1', depends: ['glibc>=2.40'] },
      ],
      [
        { name: 'bash', version: '5.2.026-2', provides: ['sh'] },
        { name: 'script', version: '1.0-1', depends: ['sh>=1'] },
      ],
    ];
    const expected = [[], ['bash: readline'], ['firefox: glibc>=2.40'], ['script: sh>=1']];
    for (const [i, s] of sets.entries()) {
      const v = await pacmanVerdict(s);
      expect(v.refused).toEqual(expected[i]);
      expect(v.accepted).toBe(expected[i]?.length === 0);
      expect(ours(s).pairs).toEqual(expected[i]);
    }
  }, 60_000);

  test('generated sets: pacman accepts exactly the consistent ones, and the same dependencies fail', async () => {
    // Random sets are mostly refused; sets whose dependencies only name members, without
    // versions, are consistent by construction.
    const closed = setArb.map((set) =>
      set.map((p) => ({ ...p, depends: p.depends.map((d) => d.split(/[<>=]/)[0] as string).filter((d) => set.some((q) => q.name === d)) })),
    );
    const sets = [...fc.sample(setArb, 10), ...fc.sample(closed, 4)];
    let refusedSets = 0;
    for (const specs of sets) {
      const v = await pacmanVerdict(specs);
      const mine = ours(specs);
      if (!v.accepted) refusedSets++;
      expect({ set: specs, accepted: mine.pairs.length === 0, unsatisfied: mine.deps }).toEqual({
        set: specs,
        accepted: v.accepted,
        unsatisfied: v.unsatisfied,
      });
      // Whatever we name, pacman -U named too (it may add knock-on failures of packages it dropped).
      for (const pair of mine.pairs) expect(v.refused).toContain(pair);
    }
    // The generator must exercise both outcomes to prove anything.
    expect(refusedSets).toBeGreaterThan(0);
    expect(refusedSets).toBeLessThan(sets.length);
  }, 120_000);
});
