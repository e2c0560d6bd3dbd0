// Exclusions from every source a user can set them in, and the reason reported for each.
import { describe, expect, test } from 'vitest';
import { Exclusions } from '../../src/core/exclusions.js';

describe('Exclusions', () => {
  const ex = Exclusions.compile({
    packages: ['linux*', 'nvidia'],
    repos: ['testing', 'kde-*'],
    endpoint: ['steam'],
    operation: ['firefox'],
    ignorePkg: ['postgresql?*'],
    ignoreGroup: ['gnome'],
    groups: new Map([
      ['gnome-shell', ['gnome']],
      ['gedit', ['gnome-extra']],
    ]),
  });

  test.each([
    ['linux', { source: 'pool', pattern: 'linux*' }],
    ['linux-lts', { source: 'pool', pattern: 'linux*' }],
    ['nvidia', { source: 'pool', pattern: 'nvidia' }],
    ['steam', { source: 'endpoint', pattern: 'steam' }],
    ['firefox', { source: 'operation', pattern: 'firefox' }],
    ['postgresql-libs', { source: 'ignore_pkg', pattern: 'postgresql?*' }],
    ['gnome-shell', { source: 'ignore_group', pattern: 'gnome' }],
  ])('%s is excluded', (name, reason) => {
    expect(ex.excludes(name)).toBe(true);
    expect(ex.reason(name)).toEqual(reason);
  });

  test.each(['util-linux', 'nvidia-utils', 'postgresql', 'gedit', 'bash'])('%s is not excluded', (name) => {
    expect(ex.excludes(name)).toBe(false);
    expect(ex.reason(name)).toBeNull();
  });

  test('a package from an excluded repository is excluded, whichever side it comes from', () => {
    expect(ex.excludes('mesa', 'testing')).toBe(true);
    expect(ex.excludes('mesa', 'extra', 'testing')).toBe(true);
    expect(ex.excludes('plasma-desktop', 'kde-unstable')).toBe(true);
    expect(ex.reason('mesa', 'extra', 'testing')).toEqual({ source: 'repository', pattern: 'testing' });
    expect(ex.excludes('mesa', 'extra', null)).toBe(false);
  });

  test('groups can be given as a plain object too', () => {
    const byRecord = Exclusions.compile({ ignoreGroup: ['xorg*'], groups: { 'xorg-server': ['xorg'] } });
    expect(byRecord.excludes('xorg-server')).toBe(true);
    expect(byRecord.excludes('constructor')).toBe(false);
  });

  test('with() adds rules without changing the original', () => {
    const pool = Exclusions.compile({ packages: ['linux*'] });
    const more = pool.with({ operation: ['bash'] });
    expect(more.excludes('bash')).toBe(true);
    expect(more.excludes('linux')).toBe(true);
    expect(pool.excludes('bash')).toBe(false);
  });

  test('no rules: nothing is excluded and the matcher says so', () => {
    expect(Exclusions.none.empty).toBe(true);
    expect(Exclusions.none.excludes('linux', 'testing')).toBe(false);
    expect(ex.empty).toBe(false);
  });
});
