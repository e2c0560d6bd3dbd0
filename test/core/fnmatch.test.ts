// Exclusion globs must mean what they mean in pacman.conf's IgnorePkg, which libalpm matches with
// glibc's fnmatch(pattern, name, 0). Checked on the patterns administrators write, and
// differentially against glibc itself (a tiny C harness) on generated patterns — malformed ones
// included — where no disagreement is allowed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileFnmatch, fnmatch } from '../../src/core/fnmatch.js';
import { missingTools } from '../support/tools.js';

describe('fnmatch on everyday exclusion patterns', () => {
  test.each([
    ['linux', 'linux', true],
    ['linux', 'linux-lts', false],
    ['linux*', 'linux', true],
    ['linux*', 'linux-lts', true],
    ['linux*', 'linux-firmware-whence', true],
    ['linux*', 'util-linux', false],
    ['*-git', 'yay-git', true],
    ['*-git', 'git', false],
    ['lib32-*', 'lib32-glibc', true],
    ['python-?', 'python-a', true],
    ['python-?', 'python-ab', false],
    ['nvidia-[0-9]*', 'nvidia-535xx-dkms', true],
    ['nvidia-[0-9]*', 'nvidia-utils', false],
    ['[!a]*', 'bash', true],
    ['[!a]*', 'acl', false],
    ['[^a]*', 'acl', false],
    ['*[[:digit:]]', 'qt6', true],
    ['*[[:digit:]]', 'qt', false],
    ['gcc\\*', 'gcc*', true],
    ['gcc\\*', 'gcc-libs', false],
    ['*', '', true],
    ['?', '', false],
  ])('%s vs %s → %s', (pattern, name, expected) => {
    expect(fnmatch(pattern, name)).toBe(expected);
  });

  // Naive backtracking would take ~200^8 steps here: the test's own timeout is the bound.
  test('a pattern with many stars still answers on a long name', () => {
    const m = compileFnmatch('*a*a*a*a*a*a*a*a*b');
    expect(m('a'.repeat(200))).toBe(false);
    expect(m(`${'a'.repeat(200)}b`)).toBe(true);
  });
});

const HARNESS = `
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>
/* stdin: pattern NUL name NUL ...; stdout: one '1' (match) or '0' per pair */
static char buf[1 << 24];
int main(void) {
  size_t n = fread(buf, 1, sizeof buf - 1, stdin), i = 0;
  while (i < n) {
    char *pat = buf + i; i += strlen(pat) + 1; if (i >= n) break;
    char *name = buf + i; i += strlen(name) + 1;
    putchar(fnmatch(pat, name, 0) == 0 ? '1' : '0');
  }
  return 0;
}
`;

describe.skipIf(missingTools('cc'))('fnmatch against glibc', () => {
  let dir = '';
  let bin = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pacsync-fnmatch-'));
    writeFileSync(path.join(dir, 'ref.c'), HARNESS);
    bin = path.join(dir, 'ref');
    execFileSync('cc', ['-O2', '-o', bin, path.join(dir, 'ref.c')]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function glibc(pairs: [string, string][]): string {
    const input = pairs.map(([p, n]) => `${p}\0${n}\0`).join('');
    // LC_ALL=C: pacman's names are ASCII, where every locale's ranges agree with C's.
    return execFileSync(bin, { input, env: { LC_ALL: 'C' }, maxBuffer: 1 << 26 }).toString();
  }

  function disagreements(pairs: [string, string][]): string[] {
    const ref = glibc(pairs);
    expect(ref.length).toBe(pairs.length);
    const bad: string[] = [];
    pairs.forEach(([p, n], i) => {
      const ours = fnmatch(p, n) ? '1' : '0';
      if (ours !== ref[i]) bad.push(`${JSON.stringify(p)} vs ${JSON.stringify(n)}: glibc ${ref[i]}, ours ${ours}`);
    });
    return bad;
  }

  test('realistic patterns over realistic names', () => {
    const names = fc.stringMatching(/^[a-z0-9][a-z0-9@._+-]{0,14}$/);
    const patterns = fc
      .array(
        fc.oneof(fc.constantFrom('*', '?', '[a-f]', '[!0-9]', '[[:digit:]]', '-', 'lib', 'linux', '32', 'git'), fc.stringMatching(/^[a-z0-9]$/)),
        {
          maxLength: 6,
        },
      )
      .map((a) => a.join(''));
    const pairs = fc.sample(fc.tuple(patterns, names), 30_000);
    // Make sure plenty of pairs match: names derived from their pattern.
    const derived = fc.sample(patterns, 10_000).map((p): [string, string] => [
      p,
      p
        .replace(/\*/g, 'xy')
        .replace(/\?/g, 'q')
        .replace(/\[[^\]]*\]/g, '5'),
    ]);
    expect(disagreements([...pairs, ...derived])).toEqual([]);
  });

  test('hostile patterns: unterminated and nested brackets, escapes, classes, ranges', () => {
    const atoms = ['a', 'b', 'z', '-', '.', '*', '?', '[', ']', '!', '^', '\\', ':', '=', '1'];
    const groups = ['[:alpha:]', '[:digit:]', '[:foo:]', '[:punct:]', '[=a=]', '[.a.]', '[.ab.]', '[::]'];
    const pattern = fc
      .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...atoms) }, { weight: 1, arbitrary: fc.constantFrom(...groups) }), {
        maxLength: 14,
      })
      .map((a) => a.join(''));
    const name = fc.array(fc.constantFrom('a', 'b', 'z', '-', '.', '[', ']', '1', ':', '!', '\\', '^', '='), { maxLength: 8 }).map((a) => a.join(''));
    expect(disagreements(fc.sample(fc.tuple(pattern, name), 60_000))).toEqual([]);
  });
});
