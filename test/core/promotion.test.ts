// Set-latest with a package subset: only those packages move onto the previous target, and a
// result Arch could not install (a partial upgrade) is detected with the dependencies it breaks.
import { describe, expect, test } from 'vitest';
import { promotePackages } from '../../src/core/promotion.js';
import { dep, pkg, state, versions } from '../support/package-states.js';

const previous = state(
  {
    glibc: dep('2.39-1'),
    firefox: pkg('125.0-1', { depends: ['glibc', 'nss'] }),
    nss: dep('3.100-1'),
    bash: pkg('5.2.026-2', { depends: ['glibc'] }),
  },
  { content_hash: 'abc', excluded_packages: ['linux'] },
);

describe('promotePackages', () => {
  test('replaces and adds only the named packages; the rest stays as in the previous target', () => {
    const endpoint = state({
      glibc: dep('2.40-1'),
      firefox: pkg('126.0-1', { depends: ['glibc', 'nss>=3.99'] }),
      nss: dep('3.101-1'),
      bash: pkg('5.2.032-1', { depends: ['glibc'] }),
      htop: pkg('3.3.0-1', { depends: ['glibc'] }),
    });
    const { state: next, unsatisfied } = promotePackages(previous, endpoint, ['firefox', 'htop']);
    expect(versions(next)).toEqual({ bash: '5.2.026-2', firefox: '126.0-1', glibc: '2.39-1', htop: '3.3.0-1', nss: '3.100-1' });
    expect(unsatisfied).toEqual([]);
    expect(next.metadata).toMatchObject({ total_packages: 5, capture_method: 'partial_promotion', excluded_packages: ['linux'] });
    expect(next.metadata.content_hash).toBeUndefined();
    expect(next.metadata.inconsistent).toBeUndefined();
    expect(versions(previous)).toHaveProperty('firefox', '125.0-1'); // the input is not modified
  });

  test('a promotion that would be a partial upgrade is flagged with what breaks', () => {
    const endpoint = state({ firefox: pkg('127.0-1', { depends: ['glibc>=2.40', 'nss', 'libvpx'] }) });
    const { state: next, unsatisfied } = promotePackages(previous, endpoint, ['firefox']);
    expect(unsatisfied).toEqual([
      { package: 'firefox', dependency: 'glibc>=2.40', reason: 'version', found: '2.39-1' },
      { package: 'firefox', dependency: 'libvpx', reason: 'missing' },
    ]);
    expect(next.metadata.inconsistent).toBe(true);
    expect(next.metadata.unsatisfied_dependencies).toEqual(unsatisfied);
  });

  test('refuses names the endpoint does not have, an empty list, and a pool without a target', () => {
    const endpoint = state({ firefox: '126.0-1' });
    expect(() => promotePackages(previous, endpoint, ['firefox', 'chromium'])).toThrow(/packages: not installed on this endpoint: chromium/);
    expect(() => promotePackages(previous, endpoint, [])).toThrow(/packages: /);
    expect(() => promotePackages(null, endpoint, ['firefox'])).toThrow(/no target state/);
  });
});
