// The state report contract as the server validates it (Fastify's Ajv with the app's options):
// a real-sized report passes, an oversized one is refused, and names/versions follow pacman's
// rules — checked against src/core/names.ts, which the rest of the code uses for the same rules.
import AjvCompiler from '@fastify/ajv-compiler';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_STATE_PACKAGES,
  PACKAGE_NAME_PATTERN,
  PACKAGE_VERSION_PATTERN,
  REPO_NAME_PATTERN,
  StateReportBody,
} from '../../src/contracts/package.contract.js';
import { isValidPackageName, isValidRepositoryName, isValidVersion } from '../../src/core/names.js';

// The app's body validator: no coercion, unknown properties refused (src/server/app.ts).
const compile = AjvCompiler()({}, { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true } });
const validate = compile({ schema: StateReportBody, httpPart: 'body' });

function report(n: number, extra: Record<string, unknown> = {}) {
  const packages: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    packages[`pkg-${i}`] = {
      version: `1.${i}.0-1`,
      repository: i % 7 === 0 ? null : 'extra',
      size: 1024 * i,
      dependencies: ['glibc>=2.38', 'libGL.so=1-64', 'so:libc.so.6', 'sh'],
      install_date: '2024-01-15T10:30:00Z',
      reason: i % 3 === 0 ? 'explicit' : 'dependency',
      provides: [`pkg-${i}-virtual=1.0`],
      arch: 'x86_64',
    };
  }
  return { packages, metadata: { total_packages: n, total_size: 0, capture_method: 'pacman_database', excluded_packages: ['linux*'] }, ...extra };
}

describe('state report contract', () => {
  it('accepts a 1,500-package report', () => {
    expect(validate(report(1500))).toBe(true);
  });

  it(`refuses more than ${MAX_STATE_PACKAGES} packages (a 200,000-package report)`, () => {
    expect(validate(report(MAX_STATE_PACKAGES))).toBe(true);
    const huge = report(200_000);
    expect(validate(huge)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/packages', keyword: 'maxProperties' });
  });

  it('refuses bad names, versions, dependency strings and unknown fields', () => {
    const bad = (mutate: (r: ReturnType<typeof report>) => void) => {
      const r = report(2);
      mutate(r);
      return validate(r);
    };
    expect(bad((r) => (r.packages.Firefox = r.packages['pkg-0']))).toBe(false);
    expect(bad((r) => (r.packages['-x'] = r.packages['pkg-0']))).toBe(false);
    expect(bad((r) => ((r.packages['pkg-0'] as { version: string }).version = '1.0'))).toBe(false);
    expect(bad((r) => ((r.packages['pkg-0'] as { version: string }).version = '1:2:3-1'))).toBe(false);
    expect(bad((r) => ((r.packages['pkg-0'] as { dependencies: string[] }).dependencies = ['glibc >= 2']))).toBe(false);
    expect(bad((r) => ((r.packages['pkg-0'] as { size: unknown }).size = '12'))).toBe(false);
    expect(bad((r) => ((r.packages['pkg-0'] as Record<string, unknown>).colour = 'red'))).toBe(false);
    expect(bad((r) => ((r.metadata as Record<string, unknown>).inconsistent = true))).toBe(false);
    expect(bad(() => {})).toBe(true);
  });

  it('name, version and repository patterns agree with src/core/names.ts', () => {
    const name = new RegExp(PACKAGE_NAME_PATTERN, 'u');
    const version = new RegExp(PACKAGE_VERSION_PATTERN, 'u');
    const repo = new RegExp(REPO_NAME_PATTERN, 'u');
    const chars = fc.constantFrom(...'abzAZ09@._+-:/ <>=~!é\t'.split(''));
    const text = fc.array(chars, { minLength: 0, maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (s) => {
        expect(name.test(s), `name ${JSON.stringify(s)}`).toBe(isValidPackageName(s));
        expect(repo.test(s), `repo ${JSON.stringify(s)}`).toBe(isValidRepositoryName(s));
      }),
      { numRuns: 3000 },
    );
    const versions = fc
      .tuple(
        fc.option(fc.constantFrom('0', '1', '12', 'x', ''), { nil: undefined }),
        text,
        fc.option(fc.constantFrom('1', '2.1', '1.2.3', 'a', ''), { nil: undefined }),
      )
      .map(([epoch, pkgver, pkgrel]) => `${epoch === undefined ? '' : `${epoch}:`}${pkgver}${pkgrel === undefined ? '' : `-${pkgrel}`}`);
    fc.assert(
      fc.property(versions, (v) => {
        expect(version.test(v), `version ${JSON.stringify(v)}`).toBe(isValidVersion(v));
      }),
      { numRuns: 3000 },
    );
  });
});
