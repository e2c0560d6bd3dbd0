// The agent reads a server's plan from `unknown`: a plan the server computes comes through as it
// was; lists an older server left out are empty; a bad name is refused by core's plan check and
// anything else of the wrong shape by the contract's schema, naming the entry. (The same plans
// end to end, against the real pacman: hostile-plan.test.ts.)
import { describe, expect, test } from 'vitest';
import type { OperationView } from '../../src/contracts/operation.contract.js';
import { PlanRefused } from '../../src/core/plan-check.js';
import { planSync } from '../../src/core/plan.js';
import { parsePlan, planInDetails } from '../../src/agent/sync/server-plan.js';
import { pkg, state } from '../support/package-states.js';

const current = state({ glibc: '2.38-1', curl: '8.5-1', htop: pkg('3.3.0-1') });
const target = state({ glibc: '2.39-1', curl: '8.5-1', vim: '9.1-1' });
const wire = (v: unknown): Record<string, any> => JSON.parse(JSON.stringify(v));

const refusal = (raw: unknown): string => {
  try {
    parsePlan(raw, 'sync');
  } catch (err) {
    expect(err).toBeInstanceOf(PlanRefused);
    return (err as Error).message;
  }
  throw new Error('the plan was accepted');
};

describe("the agent parses the server's plan", () => {
  test('a plan the server computes, off the wire, is the plan', () => {
    const plan = planSync(current, target, { remove_extra: true });
    expect(parsePlan(wire(plan), 'sync')).toEqual(plan);
  });

  test('lists and values a server left out (absent or null) are empty', () => {
    const plan = wire(planSync(current, target));
    delete plan.conflicts;
    plan.packages_kept = null;
    delete plan.exclusion_reasons;
    const parsed = parsePlan(plan, 'sync');
    expect(parsed.conflicts).toEqual([]);
    expect(parsed.packages_kept).toEqual([]);
    expect(parsed.packages_to_upgrade.map((e) => e.name)).toEqual(['glibc']);
  });

  test("a bad name is refused by core's check, naming the entry", () => {
    const plan = wire(planSync(current, target));
    plan.packages_to_upgrade[0].name = '--logfile';
    expect(refusal(plan)).toMatch(/^refused the server's plan: packages_to_upgrade\[0\]\.name: package name must not start with/);
  });

  test("the wrong shape is refused by the contract's schema, naming the entry and what it holds", () => {
    const plan = wire(planSync(current, target));
    plan.packages_to_upgrade[0].size = 'huge';
    plan.conflicts = [{ name: 'glibc', installed_version: '2.40-1', target_version: '2.39-1', repository: null, resolution: 'ignore' }];
    plan.blocked = 'no';
    const message = refusal(plan);
    expect(message).toContain('packages_to_upgrade[0].size: expected integer ("huge")');
    expect(message).toContain('conflicts[0].resolution: expected union value ("ignore")');
    expect(message).toContain('blocked: expected boolean ("no")');
    expect(message).toMatch(/; nothing was changed$/);
  });

  test('what is not a plan at all is refused', () => {
    expect(refusal('x')).toBe("refused the server's plan: plan: must be an object; nothing was changed");
    expect(refusal([])).toMatch(/plan: must be an object/);
  });

  test("an operation's details carry its plan (flat, or under `plan`); details without one are named", () => {
    const plan = planSync(current, target);
    const op = (details: Record<string, unknown>): OperationView => ({
      id: '00000000-0000-4000-8000-000000000001',
      pool_id: null,
      endpoint_id: null,
      operation_type: 'sync_to_latest',
      status: 'pending',
      progress: 0,
      details,
      error_message: null,
      started_at: null,
      completed_at: null,
      created_at: '2024-01-15T10:30:00.000Z',
    });
    expect(parsePlan(planInDetails(op({ ...wire(plan), target_state_id: null })), 'sync')).toMatchObject(plan);
    expect(parsePlan(planInDetails(op({ plan: wire(plan) })), 'sync')).toEqual(plan);
    expect(() => planInDetails(op({ packages_to_install: [] }))).toThrow(
      'operation 00000000-0000-4000-8000-000000000001 carries no plan the agent understands (no packages_to_upgrade)',
    );
  });
});
