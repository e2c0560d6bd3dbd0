// src/core/type-equality.ts: the checks that keep core types and their contracts together. They
// act at compile time, so this file's cases are for `npm run typecheck` (tsconfig includes test/):
// each `@ts-expect-error` line is a drift the checks must catch, and tsc fails if one compiles.
// The run-time test only records that the file was compiled into the suite.
import { describe, expect, it } from 'vitest';
import type { Agrees, Assert, Equal } from '../../src/core/type-equality.js';

interface Core {
  kind: 'sync' | 'revert';
  entries: { name: string; size: number; reason?: 'explicit' | 'dependency' }[];
  byName: Record<string, { version: string }>;
  note: string | null;
}
type Contract = {
  kind: string;
  entries: { name: string; size: number; reason?: string }[];
  byName: Record<string, { version: string }>;
  note: string | null;
};

export type Cases = [
  Assert<Equal<{ a: string }, { a: string }>>,
  // @ts-expect-error optional is not the same as required
  Assert<Equal<{ a?: string }, { a: string }>>,
  // The contract may spell a literal union as a string.
  Assert<Agrees<Core, Contract>>,
  // @ts-expect-error the contract drops a field
  Assert<Agrees<Core, Omit<Contract, 'note'>>>,
  // @ts-expect-error the contract adds a field the core never fills
  Assert<Agrees<Core, Contract & { extra: number }>>,
  // @ts-expect-error a nested field dropped, inside an array
  Assert<Agrees<Core, Omit<Contract, 'entries'> & { entries: { name: string; reason?: string }[] }>>,
  // @ts-expect-error a nested optional field added, inside a record
  Assert<Agrees<Core, Omit<Contract, 'byName'> & { byName: Record<string, { version: string; arch?: string }> }>>,
  // @ts-expect-error the core's value no longer fits (null where the contract has none)
  Assert<Agrees<Core, Omit<Contract, 'note'> & { note: string }>>,
];

describe('type equality checks', () => {
  it('are compile-time only: this file type-checks with every drift above refused', () => {
    const cases: Cases['length'] = 8;
    expect(cases).toBe(8);
  });
});
