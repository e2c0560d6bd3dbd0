// Drift as an administrator reads it on the dashboard: scenarios with the counts and sync_status
// the spec prescribes, plus the invariants that tie the counts together.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { computeDrift, prepareTarget } from '../../src/core/drift.js';
import { dep, pkg, state } from '../support/package-states.js';

const target = state({
  linux: '6.9.7.arch1-1',
  firefox: '125.0-1',
  git: '2.45.2-1',
  glibc: dep('2.39-1'),
  bash: '5.2.026-2',
});

describe('drift scenarios', () => {
  const prepared = prepareTarget(target);

  test('a machine exactly on the target is in sync', () => {
    const d = computeDrift(prepared, state({ ...target.packages }));
    expect(d).toMatchObject({ sync_status: 'in_sync', in_sync: 5, missing: 0, behind: 0, ahead: 0, extra: 0, total_packages: 5, target_packages: 5 });
  });

  test('an old firefox and no git: behind, with one missing and one behind', () => {
    const { git: _git, ...rest } = target.packages;
    const d = computeDrift(prepared, state({ ...rest, firefox: '124.0.2-1' }));
    expect(d).toMatchObject({ sync_status: 'behind', missing: 1, behind: 1, ahead: 0, in_sync: 3 });
  });

  test('a newer kernel only: ahead', () => {
    const d = computeDrift(prepared, state({ ...target.packages, linux: '6.10.1.arch1-1' }));
    expect(d).toMatchObject({ sync_status: 'ahead', ahead: 1, behind: 0, missing: 0 });
  });

  test('behind wins over ahead', () => {
    const d = computeDrift(prepared, state({ ...target.packages, linux: '6.10.1.arch1-1', git: '2.44.0-1' }));
    expect(d).toMatchObject({ sync_status: 'behind', ahead: 1, behind: 1 });
  });

  test('an epoch makes an older-looking version newer', () => {
    const d = computeDrift(prepared, state({ ...target.packages, bash: '1:4.0-1' }));
    expect(d).toMatchObject({ sync_status: 'ahead', ahead: 1 });
  });

  test('versions pacman considers equal are in sync', () => {
    const d = computeDrift(prepared, state({ ...target.packages, git: '2.45.2-01' }));
    expect(d).toMatchObject({ sync_status: 'in_sync', in_sync: 5 });
  });

  test('explicitly installed extras are reported but the machine stays in sync; dependencies are not extras', () => {
    const d = computeDrift(
      prepared,
      state({ ...target.packages, htop: '3.3.0-1', 'lib32-glibc': dep('2.39-1'), yay: pkg('12.3.5-1', { repository: null }) }),
    );
    expect(d).toMatchObject({ sync_status: 'in_sync', extra: 2, foreign: 1, total_packages: 8 });
  });

  test('with remove_extra, extras keep the machine from being in sync', () => {
    const strict = prepareTarget(target, { remove_extra: true });
    expect(computeDrift(strict, state({ ...target.packages, htop: '3.3.0-1' })).sync_status).toBe('ahead');
    expect(computeDrift(strict, state({ ...target.packages, 'lib32-glibc': dep('2.39-1') })).sync_status).toBe('in_sync');
  });

  test('pool exclusions: an old excluded kernel is neither drift nor missing, but counted as excluded', () => {
    const pool = prepareTarget(target, { exclusions: { packages: ['linux*'] } });
    const { git: _git, ...rest } = target.packages;
    const d = computeDrift(pool, state({ ...rest, linux: '6.1.0-1', 'linux-headers': '6.1.0-1' }));
    expect(d).toMatchObject({ sync_status: 'behind', missing: 1, behind: 0, excluded: 2, extra: 0, target_packages: 4 });
    // Not installed at all: still excluded, not missing.
    const { linux: _l, ...noKernel } = target.packages;
    expect(computeDrift(pool, state(noKernel))).toMatchObject({ sync_status: 'in_sync', missing: 0, excluded: 1 });
  });

  test("the machine's own IgnorePkg (reported in its state) excludes too", () => {
    const d = computeDrift(prepared, state({ ...target.packages, firefox: '110.0-1' }, { excluded_packages: ['firefox'] }));
    expect(d).toMatchObject({ sync_status: 'in_sync', behind: 0, excluded: 1, target_packages: 4 });
    const viaConfig = computeDrift(prepared, state({ ...target.packages, firefox: '110.0-1' }), { endpoint_exclusions: ['fire*'] });
    expect(viaConfig).toMatchObject({ sync_status: 'in_sync', excluded: 1 });
  });

  test('an excluded repository: packages installed from it are left alone', () => {
    const pool = prepareTarget(target, { exclusions: { repos: ['testing'] } });
    const d = computeDrift(pool, state({ ...target.packages, git: pkg('2.46.0rc1-1', { repository: 'testing' }) }));
    expect(d).toMatchObject({ sync_status: 'in_sync', ahead: 0, excluded: 1 });
  });

  test('unknown without a report or without a target; sync_pending while an operation runs', () => {
    expect(computeDrift(prepared, null).sync_status).toBe('unknown');
    expect(computeDrift(null, state({ bash: '1-1' }))).toMatchObject({ sync_status: 'unknown', total_packages: 1 });
    expect(computeDrift(prepared, state({ ...target.packages }), { sync_pending: true }).sync_status).toBe('sync_pending');
  });

  test('details list what is behind, missing and extra, with versions', () => {
    const { git: _git, ...rest } = target.packages;
    const d = computeDrift(prepareTarget(target, { exclusions: { packages: ['linux'] } }), state({ ...rest, firefox: '124.0-1', htop: '3.3.0-1' }), {
      details: true,
    });
    expect(d.details?.missing).toEqual([{ name: 'git', installed_version: null, target_version: '2.45.2-1', repository: 'core' }]);
    expect(d.details?.behind).toEqual([{ name: 'firefox', installed_version: '124.0-1', target_version: '125.0-1', repository: 'core' }]);
    expect(d.details?.extra.map((e) => e.name)).toEqual(['htop']);
    expect(d.details?.excluded).toEqual([expect.objectContaining({ name: 'linux', reason: { source: 'pool', pattern: 'linux' } })]);
  });
});

describe('drift invariants', () => {
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  const version = fc.constantFrom('1.0-1', '1.1-1', '2.0-1', '1:0.5-1');
  const pkgArb = fc.record({
    version,
    reason: fc.constantFrom('explicit' as const, 'dependency' as const),
    repository: fc.constantFrom('core', 'extra', null),
  });
  const stateArb = fc
    .dictionary(fc.constantFrom(...names), pkgArb)
    .map((r) => state(Object.fromEntries(Object.entries(r).map(([n, p]) => [n, pkg(p.version, p)]))));

  test('target packages = in_sync + missing + behind + ahead; exclusions counted once; any key order', () => {
    fc.assert(
      fc.property(stateArb, stateArb, fc.subarray(names), (t, s, excl) => {
        const d = computeDrift(prepareTarget(t, { exclusions: { packages: excl } }), s, { details: true });
        expect(d.in_sync + d.missing + d.behind + d.ahead).toBe(d.target_packages);
        const all = new Set([...Object.keys(t.packages), ...Object.keys(s.packages)]);
        expect(d.excluded).toBe([...all].filter((n) => excl.includes(n)).length);
        expect(d.details?.missing.length).toBe(d.missing);
        expect(d.sync_status === 'in_sync').toBe(d.missing + d.behind + d.ahead === 0);
        // The order of the reported packages does not matter (agents sort; others may not).
        const shuffled = { ...s, packages: Object.fromEntries(Object.entries(s.packages).reverse()) };
        expect(computeDrift(prepareTarget(t, { exclusions: { packages: excl } }), shuffled, { details: true })).toEqual(d);
      }),
      { numRuns: 300 },
    );
  });
});
