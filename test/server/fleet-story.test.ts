// The whole story over HTTP, as an administrator and three agents would live it: a pool and an
// enroll key; three machines register; A reports 1,500 packages and becomes the target; B (older)
// is behind and C (newer) ahead by exactly what was built into their states; B's dry-run syncs
// list exactly the expected changes under each conflict policy and removal setting; C's
// set-latest moves the target — a WebSocket subscriber hears it — and everyone's drift follows;
// history shows both targets, a pool revert restores the first, drift history recorded each change.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftCounts } from '../../src/core/drift.js';
import type { PackageStateData, StatePackage } from '../../src/core/package-state.js';
import type { SyncPlan } from '../../src/core/plan.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/database.js';
import { dep, pkg } from '../support/package-states.js';
import { connectWs, type WsTestClient } from '../support/ws-client.js';
import { makeKey, makePool } from '../support/api-fixtures.js';

const N = 1500;
const name = (i: number) => `pkg-${String(i).padStart(4, '0')}`;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

/** Package i of the reference set: chains of dependencies, a third explicitly installed. */
function base(i: number, version = `2.${i}-1`): StatePackage {
  const o = { repository: i < 500 ? 'core' : 'extra', size: 1000 + i, depends: i % 10 !== 0 ? [name(i - 1)] : [] };
  return i % 3 === 0 ? pkg(version, o) : dep(version, o);
}

function body(packages: Record<string, StatePackage>): PackageStateData {
  return { packages, metadata: { total_packages: 0, total_size: 0, capture_method: 'test', excluded_packages: [] } };
}

/** Machine A: the reference set, plus a kernel the pool excludes. */
function stateA(): PackageStateData {
  const p: Record<string, StatePackage> = { linux: pkg('6.7.1-1') };
  for (const i of range(0, N)) p[name(i)] = base(i);
  return body(p);
}

const B_MISSING = range(1400, 1420);
const B_OLDER = range(0, 100);
const B_NEWER = range(200, 205);
const B_EXTRAS = ['extra-tool-0', 'extra-tool-1', 'extra-tool-2', 'extra-tool-3'];

/** Machine B: 20 packages missing, 100 older, 5 newer, 4 extra tools (one with a library), one AUR helper. */
function stateB(): PackageStateData {
  const p: Record<string, StatePackage> = { linux: pkg('6.6.1-1') };
  for (const i of range(0, N)) {
    if (B_MISSING.includes(i)) continue;
    p[name(i)] = B_OLDER.includes(i) ? base(i, `1.${i}-1`) : B_NEWER.includes(i) ? base(i, `3.${i}-1`) : base(i);
  }
  for (const t of B_EXTRAS) p[t] = pkg('1.0-1', { repository: 'extra', depends: t === 'extra-tool-0' ? ['extra-lib'] : [] });
  p['extra-lib'] = dep('0.9-1', { repository: 'extra' });
  p['aur-helper'] = pkg('12.3-1', { repository: null });
  return body(p);
}

const C_NEWER = range(300, 330);

/** Machine C: the reference set with 30 packages at a newer pkgrel. */
function stateC(): PackageStateData {
  const s = stateA();
  for (const i of C_NEWER) s.packages[name(i)] = base(i, `2.${i}-2`);
  return s;
}

type Drift = DriftCounts;
interface Report {
  state_id: string;
  changed: boolean;
  sync_status: string;
  target_state_id: string | null;
  drift: Drift;
}
interface Op {
  id: string;
  status: string;
  operation_type: string;
  details: Record<string, unknown>;
}

const names = (entries: { name: string }[]) => entries.map((e) => e.name);

describe.each(DIALECTS)('the fleet story (%s)', (dialect) => {
  let api: TestApp;
  let port: number;
  let pool: string;
  const ep: Record<'a' | 'b' | 'c', { id: string; key: string }> = {} as never;
  let targetA = '';
  let targetC = '';
  let ws: WsTestClient;

  beforeAll(async () => {
    api = await createTestApp(dialect);
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    port = (api.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await ws?.close();
    await api.close();
  });

  const report = async (who: 'a' | 'b' | 'c', state: PackageStateData) => {
    const res = await api.request<Report>('POST', `/endpoints/${ep[who].id}/state`, { key: ep[who].key, body: state });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data;
  };
  const endpoint = async (who: 'a' | 'b' | 'c') =>
    (await api.request<{ sync_status: string; package_summary: Drift }>('GET', `/endpoints/${ep[who].id}`)).json().data;
  const dryRun = async (options: Record<string, unknown> = {}) => {
    const res = await api.request<{ operation: Op; plan: SyncPlan }>('POST', `/endpoints/${ep.b.id}/sync`, {
      key: ep.b.key,
      body: { dry_run: true, ...options },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().data;
  };
  const settings = async (s: Record<string, unknown>) => {
    expect((await api.request('PUT', `/pools/${pool}`, { body: { settings: s } })).statusCode).toBe(200);
  };

  it('an admin creates a pool and an enroll key; three machines register with it and the admin approves them', async () => {
    pool = await makePool(api, 'render farm', { excluded_packages: ['linux*'] });
    const enroll = await makeKey(api, 'enroll', { pool_id: pool });
    for (const [who, n] of [
      ['a', 'alpha'],
      ['b', 'bravo'],
      ['c', 'charlie'],
    ] as const) {
      const res = await api.request<{ id: string; api_key: string; pool_id: string }>('POST', '/endpoints', {
        key: enroll.key,
        body: { name: n, hostname: `${n}.farm.lan` },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().data.pool_id).toBe(pool);
      ep[who] = { id: res.json().data.id, key: res.json().data.api_key };
    }
    // Enrolled with an enroll key, they wait for the admin's approval before they count.
    const pending = (await api.request<{ items: { id: string }[] }>('GET', '/endpoints', { query: { approval: 'pending' } })).json().data.items;
    expect(pending).toHaveLength(3);
    for (const e of pending) expect((await api.request('POST', `/endpoints/${e.id}/approve`)).statusCode).toBe(200);
  });

  it('A reports 1,500 packages (stored once: an unchanged report adds no row) and sets it as latest', async () => {
    const first = await report('a', stateA());
    expect(first).toMatchObject({ changed: true, sync_status: 'unknown', target_state_id: null });
    expect(first.drift.total_packages).toBe(N + 1);
    const rows = (await api.rowCounts()).package_states;
    api.clock.advance(60_000);
    const again = await report('a', stateA());
    expect(again).toMatchObject({ changed: false, state_id: first.state_id });
    expect((await api.rowCounts()).package_states).toBe(rows);

    const res = await api.request<{ target_state: { id: string; created_by: string; total_packages: number }; inconsistent: boolean; operation: Op }>(
      'POST',
      `/endpoints/${ep.a.id}/set-latest`,
      {
        key: ep.a.key,
        body: { message: 'reference workstation' },
      },
    );
    expect(res.statusCode, res.body).toBe(201);
    const set = res.json().data;
    expect(set.target_state).toMatchObject({ created_by: 'alpha', total_packages: N + 1 });
    expect(set.inconsistent).toBe(false);
    expect(set.operation).toMatchObject({ operation_type: 'set_as_latest', status: 'completed' });
    targetA = set.target_state.id;
    expect(await endpoint('a')).toMatchObject({
      sync_status: 'in_sync',
      package_summary: { in_sync: N, missing: 0, behind: 0, ahead: 0, excluded: 1 },
    });
  });

  it('B reports an older set: behind, with exactly the counts built into it', async () => {
    api.clock.advance(60_000);
    const r = await report('b', stateB());
    expect(r.sync_status).toBe('behind');
    expect(r.target_state_id).toBe(targetA);
    expect(r.drift).toEqual({
      total_packages: N - B_MISSING.length + B_EXTRAS.length + 3, // + extra-lib, aur-helper, linux
      target_packages: N, // linux is excluded by the pool
      in_sync: N - B_MISSING.length - B_OLDER.length - B_NEWER.length,
      missing: B_MISSING.length,
      behind: B_OLDER.length,
      ahead: B_NEWER.length,
      extra: B_EXTRAS.length + 1, // the AUR helper is explicit too; extra-lib is a dependency
      foreign: 1,
      excluded: 1,
    });
    const details = (
      await api.request<Report & { drift: { details: { missing: { name: string }[] } } }>('POST', `/endpoints/${ep.b.id}/state?details=true`, {
        key: ep.b.key,
        body: stateB(),
      })
    ).json().data;
    expect(details.changed).toBe(false);
    expect(names(details.drift.details.missing)).toEqual(B_MISSING.map(name));
  });

  it('C reports a newer set: ahead by 30', async () => {
    const r = await report('c', stateC());
    expect(r.sync_status).toBe('ahead');
    expect(r.drift).toMatchObject({ ahead: C_NEWER.length, behind: 0, missing: 0, in_sync: N - C_NEWER.length });
  });

  it("B's dry-run sync lists exactly the expected changes under each conflict policy, and changes nothing", async () => {
    const before = await api.rowCounts();
    const manual = await dryRun();
    expect(manual.operation).toBeNull(); // a plan, not an operation
    const p = manual.plan;
    expect(names(p.packages_to_install)).toEqual(B_MISSING.map(name));
    expect(names(p.packages_to_upgrade)).toEqual(B_OLDER.map(name));
    expect(p.packages_to_upgrade[0]).toMatchObject({ from_version: '1.0-1', to_version: '2.0-1' });
    expect(p.packages_to_downgrade).toEqual([]);
    expect(p.packages_to_remove).toEqual([]);
    expect(p.conflicts.map((c) => [c.name, c.installed_version, c.target_version, c.resolution])).toEqual(
      B_NEWER.map((i) => [name(i), `3.${i}-1`, `2.${i}-1`, 'blocked']),
    );
    expect(p).toMatchObject({ blocked: true, dry_run: true, conflict_resolution: 'manual', remove_extra: false, excluded_packages: ['linux'] });
    expect(p.total_packages).toBe(B_MISSING.length + B_OLDER.length);

    const forced = (await dryRun({ force: true })).plan;
    expect(names(forced.packages_to_downgrade)).toEqual(B_NEWER.map(name));
    expect(forced.conflicts.every((c) => c.resolution === 'downgrade')).toBe(true);
    expect(forced.blocked).toBe(false);

    await settings({ conflict_resolution: 'newest' });
    const newest = (await dryRun()).plan;
    expect(newest.conflicts).toEqual([]);
    expect(newest.packages_to_downgrade).toEqual([]);
    expect(names(newest.packages_kept)).toEqual(B_NEWER.map(name));

    await settings({ conflict_resolution: 'oldest' });
    const oldest = (await dryRun()).plan;
    expect(oldest.conflicts).toEqual([]);
    expect(oldest.packages_to_downgrade.map((d) => [d.name, d.to_version])).toEqual(B_NEWER.map((i) => [name(i), `2.${i}-1`]));

    await settings({ conflict_resolution: 'manual', remove_extra: true });
    const removing = (await dryRun()).plan;
    // The extras and the AUR helper go, and the library only extra-tool-0 needed goes with them.
    expect(removing.packages_to_remove.map((r) => [r.name, r.removal_reason])).toEqual([
      ['aur-helper', 'extra'],
      ['extra-lib', 'orphan'],
      ...B_EXTRAS.map((t) => [t, 'extra']),
    ]);
    const limited = (await dryRun({ packages: [name(1405)], exclude: ['pkg-00*'] })).plan;
    // pkg-1405 pulls in the missing pkg-1400…1404 it depends on; nothing else.
    expect(names(limited.packages_to_install)).toEqual(range(1400, 1406).map(name));
    expect(limited.packages_to_upgrade).toEqual([]);
    await settings({ remove_extra: false });

    const after = await api.rowCounts();
    // Dry runs write nothing (only the audit events of the settings changes were written).
    expect(after.sync_operations).toBe(before.sync_operations);
    expect(after.package_states).toBe(before.package_states);
    expect((await endpoint('b')).sync_status).toBe('behind');
  });

  it("C's set-latest moves the target: subscribers hear pool_update and sync_status, A and B fall behind", async () => {
    ws = await connectWs(`ws://127.0.0.1:${port}/api/v1/ws`, { key: api.adminKey });
    expect((await ws.subscribe(`pool.${pool}`)).type).toBe('subscribed');
    api.clock.advance(60_000);
    const res = await api.request<{ target_state: { id: string; created_by: string }; previous_target_id: string; changes: { changed: number } }>(
      'POST',
      `/endpoints/${ep.c.id}/set-latest`,
      {
        key: ep.c.key,
        body: { message: 'new toolchain' },
      },
    );
    expect(res.statusCode, res.body).toBe(201);
    const set = res.json().data;
    targetC = set.target_state.id;
    expect(set).toMatchObject({ previous_target_id: targetA, changes: { changed: C_NEWER.length }, target_state: { created_by: 'charlie' } });

    const update = await ws.next((m) => m.type === 'pool_update');
    expect(update).toMatchObject({
      channel: `pool.${pool}`,
      data: { pool_id: pool, target_state_id: targetC, previous_target_id: targetA, created_by: 'charlie' },
    });
    const statusOf = async (id: string) => (await ws.next((m) => m.type === 'sync_status' && m.data?.endpoint_id === id)).data;
    expect(await statusOf(ep.a.id)).toMatchObject({
      sync_status: 'behind',
      previous_sync_status: 'in_sync',
      package_summary: { behind: C_NEWER.length },
    });
    expect(await statusOf(ep.c.id)).toMatchObject({ sync_status: 'in_sync', previous_sync_status: 'ahead' });
    expect(await statusOf(ep.b.id)).toMatchObject({ sync_status: 'behind', package_summary: { behind: B_OLDER.length + C_NEWER.length } });

    expect(await endpoint('a')).toMatchObject({ sync_status: 'behind', package_summary: { behind: C_NEWER.length, in_sync: N - C_NEWER.length } });
    expect(await endpoint('b')).toMatchObject({
      sync_status: 'behind',
      package_summary: { behind: B_OLDER.length + C_NEWER.length, missing: B_MISSING.length, ahead: B_NEWER.length },
    });
    expect((await endpoint('c')).sync_status).toBe('in_sync');
  });

  it('the history shows both targets; a pool revert restores the first and drift follows', async () => {
    const targets = (
      await api.request<{ items: { id: string; created_by: string; is_target: boolean }[] }>('GET', `/pools/${pool}/states?kind=target`)
    ).json().data.items;
    expect(targets.map((t) => [t.id, t.created_by, t.is_target])).toEqual([
      [targetC, 'charlie', true],
      [targetA, 'alpha', false],
    ]);
    api.clock.advance(60_000);
    const revert = await api.request<{ restored_state_id: string; target_state: { id: string } }>('POST', `/pools/${pool}/revert-target`, {
      body: {},
    });
    expect(revert.statusCode, revert.body).toBe(200);
    expect(revert.json().data.restored_state_id).toBe(targetA);
    const diff = (
      await api.request<{ added: unknown[]; removed: unknown[]; changed: unknown[] }>(
        'GET',
        `/states/${targetA}/diff/${revert.json().data.target_state.id}`,
      )
    ).json().data;
    expect([diff.added, diff.removed, diff.changed]).toEqual([[], [], []]);
    expect((await endpoint('a')).sync_status).toBe('in_sync');
    expect(await endpoint('c')).toMatchObject({ sync_status: 'ahead', package_summary: { ahead: C_NEWER.length } });
    expect(await endpoint('b')).toMatchObject({ sync_status: 'behind', package_summary: { behind: B_OLDER.length } });
    // The revert, too, reaches subscribers (after its transaction committed).
    expect((await ws.next((m) => m.type === 'sync_status' && m.data?.endpoint_id === ep.a.id && m.data?.sync_status === 'in_sync')).channel).toBe(
      `pool.${pool}`,
    );
  });

  it('drift history holds one sample per change of the members’ statuses, and the audit log each target change', async () => {
    type Sample = { in_sync: number; behind: number; ahead: number; sync_pending: number; unknown: number; total: number; timestamp: string };
    const h = (await api.request<{ samples: Sample[] }>('GET', `/pools/${pool}/drift-history`)).json().data.samples;
    expect(h.map((s) => [s.in_sync, s.behind, s.ahead, s.sync_pending, s.unknown, s.total])).toEqual([
      [1, 0, 0, 0, 2, 3], // A set latest; B and C had not reported
      [1, 1, 0, 0, 1, 3], // B reported
      [1, 1, 1, 0, 0, 3], // C reported
      [1, 2, 0, 0, 0, 3], // C's target
      [1, 1, 1, 0, 0, 3], // reverted to A's
    ]);
    const times = h.map((s) => s.timestamp);
    expect([...times].sort()).toEqual(times);
    const since = (
      await api.request<{ samples: Sample[] }>('GET', `/pools/${pool}/drift-history`, { query: { since: times[3] ?? '', limit: '1' } })
    ).json().data.samples;
    expect(since.map((s) => s.timestamp)).toEqual([times[4]]);

    const events = (
      await api.request<{ items: { event_type: string; user_id: string; endpoint_id: string }[] }>('GET', `/events?pool_id=${pool}`)
    ).json().data.items;
    const setLatest = events.filter((e) => e.event_type === 'pool_target_set');
    expect(setLatest.map((e) => e.endpoint_id)).toEqual([ep.c.id, ep.a.id]);
    expect(setLatest.every((e) => e.user_id.startsWith('endpoint '))).toBe(true);
    expect(events.some((e) => e.event_type === 'pool_target_reverted')).toBe(true);
  });
});
