// The resource policies (src/server/policies/) as the services apply them, on both engines: who may
// set a pool's target and read which package states. Called on the services directly, with the
// caller a route would pass (HTTP adds nothing here: the guard let these callers through; the
// HTTP answers and the route × role matrix are test/server/authz-matrix.test.ts's).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/server/auth/principal.js';
import { actorOf } from '../../src/server/auth/principal.js';
import { Notifier } from '../../src/server/events/notifier.js';
import { ApiKeyService } from '../../src/server/services/api-key.service.js';
import { DriftTracker } from '../../src/server/services/drift-tracker.service.js';
import { EndpointService } from '../../src/server/services/endpoint.service.js';
import { PoolService } from '../../src/server/services/pool.service.js';
import { ReportService } from '../../src/server/services/report.service.js';
import { SetLatestService } from '../../src/server/services/set-latest.service.js';
import { StateService } from '../../src/server/services/state.service.js';
import { fakeClock } from '../support/clock.js';
import { DIALECTS, type TestDatabase, createTestDatabase } from '../support/database.js';
import { state } from '../support/package-states.js';

const ADMIN: Principal = { keyId: '00000000-0000-4000-8000-00000000000a', name: 'admin key', role: 'admin', poolId: null, endpointId: null };
const READ: Principal = { keyId: '00000000-0000-4000-8000-00000000000b', name: 'read key', role: 'read', poolId: null, endpointId: null };

function endpointKey(endpointId: string, poolId: string | null): Principal {
  return { keyId: '00000000-0000-4000-8000-00000000000c', name: 'endpoint key', role: 'endpoint', poolId, endpointId };
}

describe.each(DIALECTS)('resource policies in the services on %s', (dialect) => {
  let t: TestDatabase;
  let s: {
    pools: PoolService;
    endpoints: EndpointService;
    reports: ReportService;
    setLatest: SetLatestService;
    states: StateService;
  };

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    const ctx = { db: t.db, clock: fakeClock('2025-03-01T12:00:00.000Z') };
    const notifier = new Notifier(ctx.clock);
    const drift = new DriftTracker(ctx, notifier);
    s = {
      pools: new PoolService(ctx, drift, notifier),
      endpoints: new EndpointService(ctx, new ApiKeyService(ctx, notifier), drift, notifier),
      reports: new ReportService(ctx, drift, notifier, dialect),
      setLatest: new SetLatestService(ctx, drift, notifier),
      states: new StateService(ctx),
    };
  });
  afterEach(() => t.destroy());

  /** A pool with approved members that have each reported a state. */
  async function poolWithMembers(name: string, settings: Record<string, unknown>, members: string[]) {
    const pool = await s.pools.create({ name, settings }, 'test');
    const ids: string[] = [];
    for (const [i, m] of members.entries()) {
      const ep = await s.endpoints.register({ name: m, hostname: `${m}.lan`, pool_id: pool.id }, ADMIN);
      await s.reports.submitState(ep.id, state({ glibc: '2.39-1', bash: `5.2.${i}-1` }));
      ids.push(ep.id);
    }
    return { poolId: pool.id, ids };
  }

  async function targetsAndTargetEvents(poolId: string) {
    const targets = await t.db.selectFrom('package_states').select('id').where('pool_id', '=', poolId).where('endpoint_id', 'is', null).execute();
    const ops = await t.db.selectFrom('sync_operations').select('id').where('pool_id', '=', poolId).execute();
    const events = await t.db.selectFrom('system_events').select('user_id').where('event_type', '=', 'pool_target_set').execute();
    return { targets: targets.length, operations: ops.length, events: events.map((e) => e.user_id) };
  }

  it(
    'set-latest: set_latest_by = admins refuses an endpoint key, force is an ' +
      'admin decision, each refusal writes nothing; the audit names the caller',
    async () => {
      const admins = await poolWithMembers('admins-set', { set_latest_by: 'admins' }, ['a1']);
      const a1 = admins.ids[0] as string;
      await expect(s.setLatest.setLatest(a1, {}, endpointKey(a1, admins.poolId))).rejects.toMatchObject({
        code: 'INSUFFICIENT_PERMISSIONS',
        message: "pool 'admins-set' has set_latest_by = admins: only an admin key may set its target",
      });
      // Not even a preview.
      await expect(s.setLatest.setLatest(a1, { dry_run: true }, endpointKey(a1, admins.poolId))).rejects.toMatchObject({
        code: 'INSUFFICIENT_PERMISSIONS',
      });
      expect(await targetsAndTargetEvents(admins.poolId)).toEqual({ targets: 0, operations: 0, events: [] });

      const members = await poolWithMembers('members-set', {}, ['m1']);
      const m1 = members.ids[0] as string;
      await expect(s.setLatest.setLatest(m1, { force: true }, endpointKey(m1, members.poolId))).rejects.toMatchObject({
        code: 'INSUFFICIENT_PERMISSIONS',
        message: 'force is not accepted from an endpoint key: only an admin may store an inconsistent target',
      });
      expect(await targetsAndTargetEvents(members.poolId)).toEqual({ targets: 0, operations: 0, events: [] });

      // The member may in a members pool; an admin may in either, with force too.
      const own = await s.setLatest.setLatest(m1, {}, endpointKey(m1, members.poolId));
      expect(own).toMatchObject({ applied: true, dry_run: false, pool_id: members.poolId });
      const byAdmin = await s.setLatest.setLatest(a1, { force: true }, ADMIN);
      expect(byAdmin).toMatchObject({ applied: true, dry_run: false, pool_id: admins.poolId });
      // The service takes the caller once: the audit's user is that caller, the stored operation too.
      expect((await targetsAndTargetEvents(admins.poolId)).events).toEqual([actorOf(endpointKey(m1, members.poolId)), actorOf(ADMIN)]);
      expect(byAdmin.operation?.details.requested_by).toBe(actorOf(ADMIN));
    },
  );

  it("states: an endpoint key reads its pool's targets and its own reports, never another member's or another pool's", async () => {
    const p = await poolWithMembers('states-pool', {}, ['s1', 's2']);
    const other = await poolWithMembers('other-pool', {}, ['o1']);
    const [s1, s2] = p.ids as [string, string];
    const target = (await s.setLatest.setLatest(s1, {}, ADMIN)).target_state?.id as string;
    const reportOf = async (ep: string) =>
      (await t.db.selectFrom('endpoints').select('current_state_id').where('id', '=', ep).executeTakeFirstOrThrow()).current_state_id as string;
    const own = await reportOf(s1);
    const theirs = await reportOf(s2);
    const caller = endpointKey(s1, p.poolId);

    const seen = (await s.states.history(p.poolId, {}, caller)).items.map((i) => i.id).sort();
    expect(seen).toEqual([own, target].sort());
    expect((await s.states.history(p.poolId, {}, READ)).items.map((i) => i.id).sort()).toEqual([own, theirs, target].sort());

    expect((await s.states.get(own, caller)).id).toBe(own);
    expect((await s.states.get(target, caller)).state_data.metadata).toMatchObject({ source_endpoint_id: s1 });
    await expect(s.states.get(theirs, caller)).rejects.toMatchObject({
      code: 'INSUFFICIENT_PERMISSIONS',
      message: `this API key may not access state ${theirs}`,
    });
    await expect(s.states.diff(own, theirs, caller)).rejects.toMatchObject({ code: 'INSUFFICIENT_PERMISSIONS' });
    await expect(s.states.history(other.poolId, {}, caller)).rejects.toMatchObject({
      code: 'INSUFFICIENT_PERMISSIONS',
      message: `this API key may not access pool ${other.poolId}`,
    });
    // An enroll key sees no state at all.
    const enroll: Principal = { ...READ, role: 'enroll', poolId: p.poolId };
    await expect(s.states.get(target, enroll)).rejects.toMatchObject({ code: 'INSUFFICIENT_PERMISSIONS' });
  });
});
