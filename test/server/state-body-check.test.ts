// The hand-written check of a state report's packages (src/server/state-body-check.ts) may only
// accept what Ajv — with the contract's schema, as the server compiles it — accepts; everything
// else goes to Ajv, which words the error. Checked on realistic states and on generated mutations
// of them (wrong types, bad versions, dependency strings, dates, unknown fields, bad names).
import AjvCompiler from '@fastify/ajv-compiler';
import { type TSchema, Type } from '@sinclair/typebox';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatePackageSchema, StateReportRequest } from '../../src/contracts/package.contract.js';
import { type BodyValidator, packagesAreValid, withFastPackageCheck } from '../../src/server/state-body-check.js';
import { dep, pkg, state } from '../support/package-states.js';

// Fastify's own compiler with the server's body options (app.ts): the same formats and rules.
const build = AjvCompiler()({}, { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true } } as never);
const compile = (schema: TSchema) => build({ schema, method: 'POST', url: '/test', httpPart: 'body' } as never) as unknown as BodyValidator;
const ajvPackages = compile(Type.Object({ packages: StateReportRequest.properties.packages }));
const ajvBody = compile(StateReportRequest);
const ajvAccepts = (packages: unknown): boolean => ajvPackages({ packages });

const realistic = () =>
  state({
    bash: pkg('5.2.026-2', { depends: ['glibc', 'readline>=8.0', 'ncurses'], provides: ['sh'], arch: 'x86_64' }),
    glibc: dep('2.39-1', { depends: ['linux-api-headers>=4.10', 'tzdata', 'filesystem'], install_date: '2024-02-29T23:59:59.123Z' }),
    'lib32-zlib': dep('1:1.3.1-1', { repository: 'multilib', provides: ['libz.so=1-32'] }),
    'yay-bin': pkg('12.3.5-1', { repository: null, install_date: null }),
    'python-3.12': pkg('3.12.1-1.1', { depends: ['so:libc.so.6'] }),
  }).packages;

describe('the fast check of state report packages', () => {
  it('accepts realistic states (so reports take the fast path)', () => {
    const packages = realistic();
    expect(ajvAccepts(packages)).toBe(true);
    expect(packagesAreValid(packages)).toBe(true);
    expect(packagesAreValid({})).toBe(true);
  });

  it('never accepts what Ajv refuses', () => {
    const fields = ['version', 'repository', 'size', 'dependencies', 'install_date', 'reason', 'provides', 'arch', 'colour', '__x'];
    const scalars: unknown[] = [
      null,
      true,
      0,
      -1,
      1.5,
      2 ** 53,
      '',
      'x',
      '1.0',
      '1.0-1',
      '1:2.0-1',
      '1.0 -1',
      '1.0-1.2.3',
      'a-1',
      'core',
      'local',
      '-core',
      'glibc>=2.39',
      'glibc 2.39',
      'so:libc.so',
      'explicit',
      'dependency',
      'x86_64',
      'any',
      'x86-64',
      'x'.repeat(300),
    ];
    const dates = [
      '2024-01-15T10:30:00Z',
      '2024-02-30T10:30:00Z',
      '2023-02-29T00:00:00Z',
      '2024-02-29T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-01-15T24:00:00Z',
      '2024-01-15T23:60:00Z',
      '2024-01-15 10:30:00Z',
      '2024-01-15T10:30:00+01:00',
      '2024-01-15T10:30:00.5Z',
      '2024-01-15',
      `2024-01-15T10:30:00.${'1'.repeat(40)}Z`,
    ];
    const lists: unknown[] = [
      [],
      ['glibc'],
      ['glibc>=2.39', 'so:libz.so=1-64'],
      ['bad dep'],
      ['glibc', ''],
      ['glibc', 7],
      [null],
      ['x'.repeat(513)],
      Array(2001).fill('glibc'),
      {},
      'glibc',
    ];
    const names = ['bash', 'Bash', '-bash', '.x', 'a'.repeat(256), 'lib32-zlib', 'c++', '@scope', 'ü', ''];
    const check = (name: string, field: string, value: unknown, remove: boolean) => {
      const packages: Record<string, unknown> = realistic();
      const entry = { ...(packages.bash as Record<string, unknown>) };
      if (remove) delete entry[field];
      else entry[field] = value;
      packages[name] = entry;
      if (packagesAreValid(packages)) expect(ajvAccepts(packages), `${name}.${field} = ${JSON.stringify(value)?.slice(0, 80)}`).toBe(true);
    };
    for (const name of names) {
      for (const field of fields) {
        check(name, field, undefined, true);
        for (const value of [...scalars, ...dates, ...lists, { a: 1 }]) check(name, field, value, false);
      }
    }
    // And random values.
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.constantFrom(...fields),
        fc.oneof(fc.string(), fc.array(fc.string()), fc.integer(), fc.double(), fc.object()),
        (n, f, v) => check(n, f, v, false),
      ),
      { numRuns: 2000 },
    );
    // Entries that are not objects, and records that are not either.
    for (const bad of [null, [], 'x', 1, [pkg('1.0-1')]]) {
      expect(packagesAreValid({ bash: bad })).toBe(false);
      expect(packagesAreValid(bad)).toBe(false);
    }
  });

  it('leaves the verdict and the error wording to Ajv for everything else in the body', () => {
    const check = withFastPackageCheck(ajvBody);
    const body = { packages: realistic(), metadata: { capture_method: 'x'.repeat(65) } };
    expect(check(body)).toBe(false);
    expect(check.errors).toEqual(ajvBody(body) ? null : ajvBody.errors);
    expect(check({ packages: realistic(), metadata: {} })).toBe(true);
    const badPackage = { packages: { ...realistic(), bash: { ...pkg('5.2'), colour: 1 } }, metadata: {} };
    expect(check(badPackage)).toBe(false);
    ajvBody(badPackage);
    expect(check.errors).toEqual(ajvBody.errors);
  });

  it('checks the package schema it mirrors: StatePackageSchema has exactly these fields', () => {
    expect(Object.keys(StatePackageSchema.properties).sort()).toEqual([
      'arch',
      'dependencies',
      'install_date',
      'provides',
      'reason',
      'repository',
      'size',
      'version',
    ]);
    expect([...StatePackageSchema.required].sort()).toEqual(['dependencies', 'install_date', 'repository', 'size', 'version']);
  });
});
