import { describe, expect, test } from 'vitest';
import type { PackageStateData } from '../../src/core/package-state.js';
import { planDifference, planProblems } from '../../src/core/plan-check.js';
import { planSync } from '../../src/core/plan.js';
import { pkg, state } from '../support/package-states.js';

const versionsOf = (s: PackageStateData): Map<string, string> => new Map(Object.entries(s.packages).map(([n, p]) => [n, p.version]));

const current = state({ glibc: '2.38-1', curl: '8.5-1', htop: pkg('3.3.0-1') });
const target = state({ glibc: '2.39-1', curl: '8.5-1', vim: '9.1-1' });

describe('the agent checks a plan from the network', () => {
  test('a plan the server computes has no problems; a forged one names each bad entry', () => {
    const plan = planSync(current, target, { remove_extra: true });
    const installed = versionsOf(current);
    expect(planProblems(plan, installed)).toEqual([]);
    const forged = {
      ...plan,
      packages_to_remove: [{ name: 'openssh', from_version: '9.6-1', to_version: null, repository: null, size: 0 }],
      reasons_to_change: [{ name: '--logfile', from_reason: null, to_reason: 'dependency' as const }],
    };
    expect(planProblems(forged, installed)).toEqual([
      'packages_to_remove[0].name: "openssh" is not installed on this machine',
      `reasons_to_change[0].name: package name must not start with '-' or '.' ("--logfile")`,
    ]);
  });

  test('the confirmed plan and the operation plan: same changes, or the difference', () => {
    const shown = planSync(current, target);
    expect(planDifference(shown, planSync(current, target))).toEqual([]);
    const moved = planSync(current, state({ ...target.packages, glibc: '2.40-1' }));
    expect(planDifference(shown, moved)).toEqual(['+ upgrade glibc 2.38-1 -> 2.40-1 explicit', '- upgrade glibc 2.38-1 -> 2.39-1 explicit']);
  });
});
