// Repository analysis across a pool's machines: which target packages every member can get at the
// target version, which some member cannot get at all, and which come in different versions.
import { describe, expect, test } from 'vitest';
import { analyzeRepositories, type AnalysisMember } from '../../src/core/analysis.js';
import { pkg, state } from '../support/package-states.js';

const target = state({
  glibc: '2.39-1',
  firefox: pkg('125.0-1', { repository: 'extra' }),
  steam: pkg('1.0.0.79-1', { repository: 'multilib' }),
  linux: '6.9.7.arch1-1',
  'mesa-git': pkg('24.2.0-1', { repository: null }),
});

const repo = (name: string, packages: Record<string, string>) => ({
  name,
  url: `https://mirror.example/${name}`,
  packages: Object.fromEntries(Object.entries(packages).map(([n, version]) => [n, { version, description: n }])),
});

const members: AnalysisMember[] = [
  {
    endpoint_id: 'e1',
    endpoint_name: 'lab-01',
    repos: [
      repo('core', { glibc: '2.39-1', linux: '6.9.7.arch1-1' }),
      repo('extra', { firefox: '125.0-1' }),
      repo('multilib', { steam: '1.0.0.79-1' }),
    ],
  },
  {
    endpoint_id: 'e2',
    endpoint_name: 'lab-02',
    // No multilib; a newer mirror snapshot for linux.
    repos: [repo('core', { glibc: '2.39-1', linux: '6.10.1.arch1-1' }), repo('extra', { firefox: '125.0-1' })],
  },
  {
    endpoint_id: 'e3',
    endpoint_name: 'lab-03',
    // An own repository listed first shadows extra's firefox, as in pacman.
    repos: [
      repo('custom', { firefox: '124.0-1' }),
      repo('core', { glibc: '2.39-1', linux: '6.9.7.arch1-1' }),
      repo('extra', { firefox: '125.0-1' }),
      repo('multilib', { steam: '1.0.0.79-1' }),
    ],
  },
];

describe('analyzeRepositories', () => {
  const a = analyzeRepositories({ target, members });

  test('compatible: available everywhere at the target version', () => {
    expect(a.compatible).toEqual(['glibc']);
  });

  test('incompatible: missing on some member, named, and proposed for exclusion', () => {
    expect(a.incompatible.map((i) => [i.name, i.missing_on.map((m) => m.endpoint_name)])).toEqual([
      ['mesa-git', ['lab-01', 'lab-02', 'lab-03']],
      ['steam', ['lab-02']],
    ]);
    expect(a.exclusion_candidates).toEqual(['mesa-git', 'steam']);
  });

  test('conflicts: versions per endpoint, and what the resolution picks', () => {
    expect(a.conflicts.map((c) => c.name)).toEqual(['firefox', 'linux']);
    const linux = a.conflicts.find((c) => c.name === 'linux');
    expect(linux?.versions).toEqual([
      { version: '6.9.7.arch1-1', count: 2 },
      { version: '6.10.1.arch1-1', count: 1, endpoints: [{ endpoint_id: 'e2', endpoint_name: 'lab-02' }] },
    ]);
    expect(linux?.resolved_version).toBeNull(); // manual: an administrator decides
    const newest = analyzeRepositories({ target, members, conflict_resolution: 'newest' });
    expect(newest.conflicts.map((c) => [c.name, c.resolved_version])).toEqual([
      ['firefox', '125.0-1'],
      ['linux', '6.10.1.arch1-1'],
    ]);
    const oldest = analyzeRepositories({ target, members, conflict_resolution: 'oldest' });
    expect(oldest.conflicts.map((c) => [c.name, c.resolved_version])).toEqual([
      ['firefox', '124.0-1'],
      ['linux', '6.9.7.arch1-1'],
    ]);
  });

  test('counts', () => {
    expect(a.counts).toEqual({ target_packages: 5, compatible: 1, incompatible: 2, conflicts: 2, excluded: 0, endpoints: 3, endpoints_analysed: 3 });
  });

  test('exclusions: excluded packages are left out, excluded repositories are not a source', () => {
    const ex = analyzeRepositories({ target, members, exclusions: { packages: ['mesa-*', 'linux'], repos: ['custom'] } });
    expect(ex.excluded).toEqual(['linux', 'mesa-git']);
    expect(ex.compatible).toEqual(['firefox', 'glibc']);
    expect(ex.incompatible.map((i) => i.name)).toEqual(['steam']);
    expect(ex.conflicts).toEqual([]);
  });

  test('members that never reported repositories are listed, not counted as missing everything', () => {
    const r = analyzeRepositories({ target, members: [...members, { endpoint_id: 'e4', endpoint_name: 'new-box', repos: [] }] });
    expect(r.endpoints_without_repositories).toEqual([{ endpoint_id: 'e4', endpoint_name: 'new-box' }]);
    expect(r.incompatible.find((i) => i.name === 'steam')?.missing_on.map((m) => m.endpoint_id)).toEqual(['e2']);
  });
});
