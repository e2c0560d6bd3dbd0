// What a sync would do: hand cases for each policy a pool can have, then properties over random
// machines, targets, exclusions and policies — applying the plan must land exactly on the target
// minus exclusions (up to what the policy deliberately keeps), and a revert exactly on the
// previous state.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { applyPlan } from '../../src/core/apply-plan.js';
import { computeDrift, prepareTarget } from '../../src/core/drift.js';
import type { PackageStateData, StatePackage } from '../../src/core/package-state.js';
import { planProblems } from '../../src/core/plan-check.js';
import { planRevert, planSync, type ConflictResolution } from '../../src/core/plan.js';
import { vercmp } from '../../src/core/vercmp.js';
import { dep, pkg, state, versions } from '../support/package-states.js';

const target = state({
  glibc: dep('2.39-1', { size: 40 }),
  bash: pkg('5.2.026-2', { depends: ['glibc'], size: 10 }),
  firefox: pkg('125.0-1', { depends: ['glibc', 'gtk3'], repository: 'extra', size: 200 }),
  gtk3: dep('1:3.24.42-1', { repository: 'extra', size: 30 }),
  linux: pkg('6.9.7.arch1-1', { size: 100 }),
});

describe('planSync', () => {
  test('installs what is missing and upgrades what is older, with sizes and repositories', () => {
    const current = state({ glibc: dep('2.38-1'), bash: pkg('5.2.026-2', { depends: ['glibc'] }), linux: '6.9.7.arch1-1' });
    const plan = planSync(current, target);
    expect(plan.packages_to_install).toEqual([
      { name: 'firefox', from_version: null, to_version: '125.0-1', repository: 'extra', size: 200, reason: 'explicit' },
      { name: 'gtk3', from_version: null, to_version: '1:3.24.42-1', repository: 'extra', size: 30, reason: 'dependency' },
    ]);
    expect(plan.packages_to_upgrade).toEqual([
      { name: 'glibc', from_version: '2.38-1', to_version: '2.39-1', repository: 'core', size: 40, reason: 'dependency' },
    ]);
    expect(plan).toMatchObject({ total_packages: 3, estimated_size: 270, blocked: false, conflicts: [], packages_to_remove: [] });
    expect(versions(applyPlan(current, plan, target))).toEqual(versions(target));
  });

  test('manual resolution: a newer installed kernel is a blocking conflict, downgraded only with force', () => {
    const current = state({ ...target.packages, linux: pkg('6.10.1.arch1-1') });
    const plan = planSync(current, target);
    expect(plan.conflicts).toEqual([
      { name: 'linux', installed_version: '6.10.1.arch1-1', target_version: '6.9.7.arch1-1', repository: 'core', resolution: 'blocked' },
    ]);
    expect(plan.blocked).toBe(true);
    expect(plan.packages_to_downgrade).toEqual([]);

    const forced = planSync(current, target, { force: true });
    expect(forced.blocked).toBe(false);
    expect(forced.conflicts[0]?.resolution).toBe('downgrade');
    expect(forced.packages_to_downgrade.map((e) => [e.name, e.from_version, e.to_version])).toEqual([['linux', '6.10.1.arch1-1', '6.9.7.arch1-1']]);
  });

  test('newest keeps the newer kernel without a conflict; oldest downgrades it', () => {
    const current = state({ ...target.packages, linux: pkg('6.10.1.arch1-1') });
    const newest = planSync(current, target, { conflict_resolution: 'newest' });
    expect(newest).toMatchObject({ conflicts: [], blocked: false, total_packages: 0 });
    expect(newest.packages_kept).toEqual([{ name: 'linux', installed_version: '6.10.1.arch1-1', target_version: '6.9.7.arch1-1', reason: 'newer' }]);
    const oldest = planSync(current, target, { conflict_resolution: 'oldest' });
    expect(oldest.conflicts).toEqual([]);
    expect(oldest.packages_to_downgrade.map((e) => e.name)).toEqual(['linux']);
  });

  test('extras stay unless remove_extra; then they go with the dependencies only they needed', () => {
    const current = state({
      ...target.packages,
      htop: pkg('3.3.0-1', { depends: ['ncurses'] }),
      ncurses: dep('6.5-1'),
      'lib32-glibc': dep('2.39-1'),
    });
    expect(planSync(current, target).packages_to_remove).toEqual([]);
    const plan = planSync(current, target, { remove_extra: true });
    expect(plan.packages_to_remove.map((e) => [e.name, e.removal_reason])).toEqual([
      ['htop', 'extra'],
      ['ncurses', 'orphan'],
    ]);
    // An unrelated leftover dependency is not ours to remove (pacman -Rs would not either).
    expect(versions(applyPlan(current, plan, target))).toEqual({ ...versions(target), 'lib32-glibc': '2.39-1' });
  });

  test('remove_extra never removes a dependency the target still needs, nor an extra others need', () => {
    const current = state({
      ...target.packages,
      gimp: pkg('2.10.38-1', { depends: ['gtk3', 'babl'] }),
      babl: pkg('0.1.108-1'), // explicit and not in the target, but gimp… is removed too
      steam: pkg('1.0.0.79-1', { depends: ['lib32-mesa'] }),
      'lib32-mesa': pkg('24.1.1-1'), // explicit extra needed by the excluded steam: kept
    });
    const plan = planSync(current, target, { remove_extra: true, exclude: ['steam'] });
    expect(plan.packages_to_remove.map((e) => e.name)).toEqual(['babl', 'gimp']);
    expect(plan.packages_kept).toEqual([
      { name: 'lib32-mesa', installed_version: '24.1.1-1', target_version: null, reason: 'required', required_by: ['steam'] },
    ]);
    expect(plan.excluded_packages).toEqual(['steam']);
  });

  test('excluded packages never appear in a plan and are counted', () => {
    const current = state({ glibc: dep('2.38-1'), bash: pkg('5.2.026-2', { depends: ['glibc'] }), linux: '6.1.0-1' });
    const plan = planSync(current, target, { exclusions: { packages: ['linux*'] }, exclude: ['firefox'] });
    const touched = [...plan.packages_to_install, ...plan.packages_to_upgrade, ...plan.packages_to_downgrade].map((e) => e.name);
    expect(touched.sort()).toEqual(['glibc', 'gtk3']);
    expect(plan).toMatchObject({ excluded_packages: ['firefox', 'linux'], excluded_count: 2, exclude: ['firefox'] });
  });

  test('a packages limit takes the named packages with the target dependencies they need', () => {
    const current = state({ glibc: dep('2.38-1'), linux: '6.1.0-1' });
    const plan = planSync(current, target, { packages: ['firefox'] });
    expect(plan.packages_to_install.map((e) => e.name)).toEqual(['firefox', 'gtk3']);
    expect(plan.packages_to_upgrade.map((e) => e.name)).toEqual(['glibc']);
    expect(plan.packages).toEqual(['firefox']);
    expect(() => planSync(current, target, { packages: ['no-such-package'] })).toThrow(/packages: .*no-such-package/);
  });
});

describe('planRevert', () => {
  test('goes back exactly: removes what was added (dependencies too), reinstalls, restores versions', () => {
    const before = state({ glibc: dep('2.38-1'), bash: '5.2.015-1', vim: '9.0-1' });
    const after = state({ glibc: dep('2.39-1'), bash: '5.2.026-2', firefox: '125.0-1', gtk3: dep('3.24.42-1') });
    const plan = planRevert(after, before);
    expect(plan.packages_to_remove.map((e) => [e.name, e.removal_reason])).toEqual([
      ['firefox', 'revert'],
      ['gtk3', 'revert'],
    ]);
    expect(plan.packages_to_downgrade.map((e) => e.name)).toEqual(['bash', 'glibc']);
    expect(plan.packages_to_install.map((e) => [e.name, e.to_version])).toEqual([['vim', '9.0-1']]);
    expect(versions(applyPlan(after, plan, before))).toEqual(versions(before));
  });
});

// ---- properties -------------------------------------------------------------------------------

const NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
// Distinct strings are distinct versions here, so "exactly" can be checked with ===.
const VERSIONS = ['0.9-1', '1.0-1', '1.0-2', '1.1-1', '2.0-1', '1:0.1-1'];

const pkgArb = fc.record({
  version: fc.constantFrom(...VERSIONS),
  reason: fc.constantFrom('explicit' as const, 'dependency' as const),
  repository: fc.constantFrom('core', 'extra', null),
  depends: fc.subarray(NAMES, { maxLength: 2 }),
  size: fc.integer({ min: 0, max: 1000 }),
});
const stateArb = (excluded: fc.Arbitrary<string[]>): fc.Arbitrary<PackageStateData> =>
  fc.tuple(fc.dictionary(fc.constantFrom(...NAMES), pkgArb, { maxKeys: 10 }), excluded).map(([r, ex]) =>
    state(Object.fromEntries(Object.entries(r).map(([n, p]) => [n, pkg(p.version, { ...p, depends: p.depends.filter((d) => d !== n) })])), {
      excluded_packages: ex,
    }),
  );

const optionsArb = fc.record({
  conflict_resolution: fc.constantFrom<ConflictResolution>('manual', 'newest', 'oldest'),
  force: fc.boolean(),
  remove_extra: fc.boolean(),
  pool: fc.subarray(NAMES, { maxLength: 2 }),
  exclude: fc.subarray(NAMES, { maxLength: 1 }),
});

/** The machine's local database as the agent's plan check sees it: name → version. */
const versionsOf = (s: PackageStateData): Map<string, string> => new Map(Object.entries(s.packages).map(([n, p]) => [n, p.version]));

const get = (s: PackageStateData, n: string): StatePackage | undefined => s.packages[n];

describe('plan properties', () => {
  test('applying a sync plan yields the target minus exclusions, up to what the policy keeps', () => {
    fc.assert(
      fc.property(stateArb(fc.subarray(NAMES, { maxLength: 1 })), stateArb(fc.constant([])), optionsArb, (current, tgt, o) => {
        const opts = { ...o, exclusions: { packages: o.pool } };
        const plan = planSync(current, tgt, opts);
        // The agent's check of a plan from the network accepts every plan the server computes.
        expect(planProblems(plan, versionsOf(current))).toEqual([]);
        const result = applyPlan(current, plan, tgt);
        const excluded = new Set([...o.pool, ...o.exclude, ...current.metadata.excluded_packages]);
        const acted = [...plan.packages_to_install, ...plan.packages_to_upgrade, ...plan.packages_to_downgrade, ...plan.packages_to_remove];
        for (const e of acted) expect(excluded.has(e.name)).toBe(false);
        const blocked = new Set(plan.conflicts.filter((c) => c.resolution === 'blocked').map((c) => c.name));
        const required = new Set(plan.packages_kept.filter((k) => k.reason === 'required').map((k) => k.name));

        for (const n of NAMES) {
          const c = get(current, n);
          const t = get(tgt, n);
          const r = get(result, n);
          if (excluded.has(n)) {
            expect(r?.version).toBe(c?.version); // untouched, present or absent
          } else if (t !== undefined) {
            const newer = c !== undefined && vercmp(c.version, t.version) > 0;
            const keepsNewer = newer && (o.conflict_resolution === 'newest' || (o.conflict_resolution === 'manual' && !o.force));
            expect(r?.version).toBe(keepsNewer ? c.version : t.version);
            expect(blocked.has(n)).toBe(newer && o.conflict_resolution === 'manual' && !o.force);
          } else if (c !== undefined && c.reason === 'explicit' && o.remove_extra) {
            // An extra goes, unless something that stays depends on it.
            if (r !== undefined) {
              expect(required.has(n)).toBe(true);
              expect(Object.values(result.packages).some((p) => p.dependencies.includes(n))).toBe(true);
            }
          } else if (c !== undefined && c.reason === 'dependency' && r === undefined) {
            // Removed only as an orphan of a removed extra, when nothing left needs it.
            expect(plan.packages_to_remove.find((e) => e.name === n)?.removal_reason).toBe('orphan');
            expect(Object.values(result.packages).some((p) => p.dependencies.includes(n))).toBe(false);
          } else {
            expect(r?.version).toBe(c?.version);
          }
        }
        // Drift of the result: nothing missing or behind; ahead only what the policy kept newer.
        const drift = computeDrift(prepareTarget(tgt, { exclusions: { packages: o.pool }, remove_extra: o.remove_extra }), result, {
          endpoint_exclusions: o.exclude,
        });
        expect(drift.missing + drift.behind).toBe(0);
        const keptNewer =
          plan.conflicts.filter((c) => c.resolution === 'blocked').length + plan.packages_kept.filter((k) => k.reason === 'newer').length;
        expect(drift.ahead).toBe(keptNewer);
        if (o.remove_extra) expect(drift.extra).toBe(required.size);
        expect(drift.sync_status === 'in_sync').toBe(keptNewer === 0 && (!o.remove_extra || required.size === 0));
      }),
      { numRuns: 1000 },
    );
  });

  test('a packages-limited plan reaches the target for the named packages and touches nothing unrelated', () => {
    fc.assert(
      fc.property(stateArb(fc.constant([])), stateArb(fc.constant([])), fc.subarray(NAMES, { minLength: 1, maxLength: 3 }), (current, tgt, names) => {
        const known = names.filter((n) => get(tgt, n) !== undefined || get(current, n) !== undefined);
        fc.pre(known.length > 0);
        const plan = planSync(current, tgt, { packages: known, conflict_resolution: 'oldest', remove_extra: true });
        const result = applyPlan(current, plan, tgt);
        // The closure: named packages and, transitively, their dependencies in the target.
        const closure = new Set(known);
        for (const n of closure) for (const d of get(tgt, n)?.dependencies ?? []) if (get(tgt, d)) closure.add(d);
        for (const n of NAMES) {
          const t = get(tgt, n);
          if (closure.has(n) && t !== undefined) expect(get(result, n)?.version).toBe(t.version);
          const removedAsOrphan = plan.packages_to_remove.some((e) => e.name === n && e.removal_reason === 'orphan');
          if (!closure.has(n) && !removedAsOrphan) expect(get(result, n)?.version).toBe(get(current, n)?.version);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('applying a revert plan yields exactly the previous state', () => {
    fc.assert(
      fc.property(stateArb(fc.constant([])), stateArb(fc.constant([])), (current, previous) => {
        const plan = planRevert(current, previous);
        expect(planProblems(plan, versionsOf(current))).toEqual([]);
        const result = applyPlan(current, plan, previous);
        expect(versions(result)).toEqual(versions(previous));
        for (const n of Object.keys(previous.packages)) expect(get(result, n)?.reason).toBe(get(previous, n)?.reason);
      }),
      { numRuns: 500 },
    );
  });
});
