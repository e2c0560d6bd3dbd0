// Who may set a pool's target and who gets operations (issue #10, finding 3): the pool setting
// `set_latest_by`, `force` never from an endpoint key, enrollment approval (pending endpoints
// report but have no say and get no operations), enroll key `max_uses` (counted atomically) and
// `auto_approve`, and endpoint key rotation (a new key revokes the old one). Both engines.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackageStateData } from '../../src/core/package-state.js';
import { createTestApp, expectRefused, refusedWithoutWrites, type TestApp } from '../support/app.js';
import { makeEndpoint, makeKey, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { dep, pkg, state } from '../support/package-states.js';

interface Registered {
  id: string;
  approval: string;
  api_key: string;
  api_key_id: string;
}
interface KeyData {
  id: string;
  role: string;
  uses: number;
  max_uses: number | null;
  auto_approve: boolean;
  is_active: boolean;
  api_key?: string;
}
interface EventData {
  event_type: string;
  endpoint_id: string | null;
  user_id: string;
  details: Record<string, unknown>;
}

const TARGET = state({ bash: '5.2.026-2', glibc: '2.39-1' });
/** What the hostile machine reported: a package whose dependency is missing. */
const BROKEN = state({ bash: '5.2.026-2', openssl: pkg('1.0.1f-1', { depends: ['libfoo>=2'] }), glibc: dep('2.39-1') });

describe.each(DIALECTS)('enrollment and who sets the target (%s)', (dialect) => {
  let api: TestApp;
  beforeEach(async () => {
    api = await createTestApp(dialect);
  });
  afterEach(() => api.close());

  type Who = { id: string; key: string };
  const report = async (ep: Who, s: PackageStateData) => {
    const res = await api.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, body: s });
    expect(res.statusCode, res.body).toBe(200);
  };
  const enrol = async (enrollKey: string, name: string, pool?: string) =>
    api.request<Registered>('POST', '/endpoints', { key: enrollKey, body: { name, hostname: `${name}.lan`, ...(pool ? { pool_id: pool } : {}) } });
  const enrolled = async (enrollKey: string, name: string, pool?: string): Promise<Who & { approval: string }> => {
    const res = await enrol(enrollKey, name, pool);
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json().data;
    return { id: d.id, key: d.api_key, approval: d.approval };
  };
  const events = async (type: string) =>
    (await api.request<{ items: EventData[] }>('GET', '/events', { query: { event_type: type } })).json().data.items;
  const targetId = async (pool: string) =>
    (await api.request<{ target_state_id: string | null }>('GET', `/pools/${pool}`)).json().data.target_state_id;

  describe('set_latest_by', () => {
    it('defaults to members; admins makes set-latest from an endpoint key a 403 naming the setting, admins still set the target', async () => {
      const pool = await makePool(api);
      const ep = await makeEndpoint(api, pool);
      await report(ep, TARGET);
      const settings = (await api.request<{ settings: Record<string, unknown> }>('GET', `/pools/${pool}`)).json().data.settings;
      expect(settings.set_latest_by).toBe('members');

      expect((await api.request('PUT', `/pools/${pool}`, { body: { settings: { set_latest_by: 'admins' } } })).statusCode).toBe(200);
      await refusedWithoutWrites(api, {
        method: 'POST',
        path: `/endpoints/${ep.id}/set-latest`,
        options: { key: ep.key, body: {} },
        status: 403,
        code: 'INSUFFICIENT_PERMISSIONS',
        mentions: 'set_latest_by',
      });
      // A preview is refused too: the endpoint has no say in this pool's target at all.
      expectRefused(
        await api.request('POST', `/endpoints/${ep.id}/set-latest`, { key: ep.key, body: { dry_run: true } }),
        403,
        'INSUFFICIENT_PERMISSIONS',
        'set_latest_by',
      );
      expect(await targetId(pool)).toBeNull();

      const byAdmin = await api.request('POST', `/endpoints/${ep.id}/set-latest`, { body: { message: 'reviewed' } });
      expect(byAdmin.statusCode, byAdmin.body).toBe(201);
      expect(await targetId(pool)).not.toBeNull();
    });

    it('a bad value is a 400 naming body.settings.set_latest_by and the allowed values, writing nothing', async () => {
      const pool = await makePool(api);
      await refusedWithoutWrites(api, {
        method: 'PUT',
        path: `/pools/${pool}`,
        options: { body: { settings: { set_latest_by: 'anyone' } } },
        status: 400,
        mentions: 'body.settings.set_latest_by',
      });
      const res = await api.request('POST', '/pools', { body: { name: 'x', settings: { set_latest_by: 'root' } } });
      expectRefused(res, 400, 'VALIDATION_ERROR', 'body.settings.set_latest_by');
      expect(res.json().error?.message).toMatch(/members.*admins|admins.*members/);
    });
  });

  describe('force', () => {
    it("is never accepted from an endpoint key: the hostile machine's broken state does not become the target", async () => {
      const pool = await makePool(api);
      const ep = await makeEndpoint(api, pool);
      await report(ep, BROKEN);
      await refusedWithoutWrites(api, {
        method: 'POST',
        path: `/endpoints/${ep.id}/set-latest`,
        options: { key: ep.key, body: { force: true } },
        status: 403,
        code: 'INSUFFICIENT_PERMISSIONS',
        mentions: 'force',
      });
      expectRefused(
        await api.request('POST', `/endpoints/${ep.id}/set-latest`, { key: ep.key, body: { force: true, dry_run: true } }),
        403,
        'INSUFFICIENT_PERMISSIONS',
        'force',
      );
      expect(await targetId(pool)).toBeNull();
      // Without force the consistency check stands; an admin may still force it, deliberately.
      expectRefused(await api.request('POST', `/endpoints/${ep.id}/set-latest`, { key: ep.key, body: {} }), 422, 'INVALID_STATE', 'libfoo');
      const forced = await api.request<{ inconsistent: boolean }>('POST', `/endpoints/${ep.id}/set-latest`, { body: { force: true } });
      expect(forced.statusCode, forced.body).toBe(201);
      expect(forced.json().data.inconsistent).toBe(true);
    });
  });

  describe('approval', () => {
    it(
      'an endpoint enrolled with an enroll key is pending: its reports are ' +
        'accepted, but no set-latest, sync or revert until an admin approves it',
      async () => {
        const pool = await makePool(api);
        const ref = await makeEndpoint(api, pool); // registered by an admin: approved
        await report(ref, TARGET);
        expect((await api.request('POST', `/endpoints/${ref.id}/set-latest`, { key: ref.key, body: {} })).statusCode).toBe(201);
        const target = await targetId(pool);

        const enroll = await makeKey(api, 'enroll', { pool_id: pool });
        const res = await enrol(enroll.key, 'newcomer');
        expect(res.json().message).toContain('pending approval');
        const ep = { id: res.json().data.id, key: res.json().data.api_key, approval: res.json().data.approval };
        expect(ep.approval).toBe('pending');
        await report(ep, BROKEN);
        for (const [path, body] of [
          ['set-latest', {}],
          ['set-latest', { dry_run: true }],
          ['sync', {}],
          ['sync', { dry_run: true }],
          ['revert', { target_state_id: target }],
        ] as const) {
          await refusedWithoutWrites(api, {
            method: 'POST',
            path: `/endpoints/${ep.id}/${path}`,
            options: { key: ep.key, body },
            status: 403,
            code: 'ENDPOINT_NOT_APPROVED',
            mentions: 'pending approval',
          });
        }
        // An admin cannot start an operation on it either before approving it.
        expectRefused(await api.request('POST', `/endpoints/${ep.id}/sync`, { body: {} }), 403, 'ENDPOINT_NOT_APPROVED', 'approve');
        // sync-all skips it and says why.
        const all = await api.request<{ created: { endpoint_id: string }[]; skipped: { endpoint_id: string; code: string; reason: string }[] }>(
          'POST',
          `/pools/${pool}/sync-all`,
          { body: {} },
        );
        expect(all.statusCode, all.body).toBe(200);
        expect(all.json().data.created).toEqual([]); // ref is the target: nothing to do
        expect(all.json().data.skipped).toEqual([
          expect.objectContaining({ endpoint_id: ref.id, code: 'NOTHING_TO_DO' }),
          expect.objectContaining({ endpoint_id: ep.id, code: 'ENDPOINT_NOT_APPROVED', reason: expect.stringContaining('pending approval') }),
        ]);
        expect(await targetId(pool)).toBe(target);

        // The admin sees it pending, in the view and the list filter, and approves it.
        expect((await api.request<{ approval: string }>('GET', `/endpoints/${ep.id}`)).json().data.approval).toBe('pending');
        const pending = (await api.request<{ items: { id: string }[] }>('GET', '/endpoints', { query: { approval: 'pending' } })).json().data.items;
        expect(pending.map((e) => e.id)).toEqual([ep.id]);
        const approved = await api.request<{ approval: string }>('POST', `/endpoints/${ep.id}/approve`);
        expect(approved.statusCode, approved.body).toBe(200);
        expect(approved.json().data.approval).toBe('approved');
        expect((await api.request<{ items: unknown[] }>('GET', '/endpoints', { query: { approval: 'pending' } })).json().data.items).toEqual([]);
        await report(ep, TARGET);
        const sync = await api.request('POST', `/endpoints/${ep.id}/sync`, { key: ep.key, body: { dry_run: true } });
        expect(sync.statusCode, sync.body).toBe(201);

        expect((await events('endpoint_pending_approval')).map((e) => e.endpoint_id)).toEqual([ep.id]);
        const [ok] = await events('endpoint_approved');
        expect(ok).toMatchObject({ endpoint_id: ep.id, details: expect.objectContaining({ endpoint_id: ep.id, from: 'pending' }) });
        expect(ok?.user_id).toMatch(/admin/);
      },
    );

    it('an enroll key created with auto_approve registers approved endpoints; admin keys always do', async () => {
      const pool = await makePool(api);
      const created = await api.request<KeyData>('POST', '/keys', { body: { role: 'enroll', name: 'image', pool_id: pool, auto_approve: true } });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().data).toMatchObject({ auto_approve: true, max_uses: null, uses: 0 });
      const ep = await enrolled(created.json().data.api_key ?? '', 'trusted');
      expect(ep.approval).toBe('approved');
      const byAdmin = await api.request<Registered>('POST', '/endpoints', { body: { name: 'by-admin', hostname: 'a.lan', pool_id: pool } });
      expect(byAdmin.json().data.approval).toBe('approved');
      expect(await events('endpoint_pending_approval')).toEqual([]);
      // auto_approve only means something for enroll keys.
      expectRefused(
        await api.request('POST', '/keys', { body: { role: 'read', name: 'x', auto_approve: true } }),
        400,
        'VALIDATION_ERROR',
        'auto_approve',
      );
    });

    it('rejecting revokes its key: the endpoint can do nothing any more; a rejected endpoint is not approved later', async () => {
      const enroll = await makeKey(api, 'enroll');
      const ep = await enrolled(enroll.key, 'intruder');
      const rejected = await api.request<{ approval: string }>('POST', `/endpoints/${ep.id}/reject`);
      expect(rejected.statusCode, rejected.body).toBe(200);
      expect(rejected.json().data.approval).toBe('rejected');
      for (const [method, path] of [
        ['GET', `/endpoints/${ep.id}`],
        ['POST', `/endpoints/${ep.id}/state`],
        ['POST', `/endpoints/${ep.id}/rotate-key`],
      ] as const) {
        const res = await api.request(method, path, { key: ep.key, ...(method === 'POST' ? { body: path.endsWith('state') ? TARGET : {} } : {}) });
        expect(res.statusCode, `${method} ${path}`).toBe(401);
      }
      const keyRows = await api.db.selectFrom('api_keys').select('is_active').where('endpoint_id', '=', ep.id).execute();
      expect(keyRows.map((k) => k.is_active)).toEqual([false]);
      expect((await events('endpoint_rejected')).map((e) => e.endpoint_id)).toEqual([ep.id]);
      expect((await events('api_key_revoked')).map((e) => e.endpoint_id)).toEqual([ep.id]);

      await refusedWithoutWrites(api, {
        method: 'POST',
        path: `/endpoints/${ep.id}/approve`,
        options: {},
        status: 409,
        code: 'RESOURCE_CONFLICT',
        mentions: 'rejected',
      });
      await refusedWithoutWrites(api, {
        method: 'POST',
        path: `/endpoints/${ep.id}/rotate-key`,
        options: {},
        status: 409,
        code: 'RESOURCE_CONFLICT',
        mentions: 'rejected',
      });
      await refusedWithoutWrites(api, {
        method: 'POST',
        path: '/keys',
        options: { body: { role: 'endpoint', name: 'revive', endpoint_id: ep.id } },
        status: 409,
        code: 'RESOURCE_CONFLICT',
        mentions: 'rejected',
      });
      // Deleting it is what remains.
      expect((await api.request('DELETE', `/endpoints/${ep.id}`)).statusCode).toBe(200);
    });

    it('approve and reject are admin-only: an endpoint key cannot approve itself nor reject another endpoint', async () => {
      const enroll = await makeKey(api, 'enroll');
      const a = await enrolled(enroll.key, 'a');
      const b = await enrolled(enroll.key, 'b');
      for (const [who, path] of [
        [a, `/endpoints/${a.id}/approve`],
        [a, `/endpoints/${b.id}/approve`],
        [a, `/endpoints/${b.id}/reject`],
        [a, `/endpoints/${a.id}/reject`],
      ] as const) {
        await refusedWithoutWrites(api, {
          method: 'POST',
          path,
          options: { key: who.key },
          status: 403,
          code: 'INSUFFICIENT_PERMISSIONS',
          mentions: 'may not',
        });
      }
      await refusedWithoutWrites(api, {
        method: 'POST',
        path: `/endpoints/${a.id}/approve`,
        options: { key: enroll.key },
        status: 403,
        code: 'INSUFFICIENT_PERMISSIONS',
        mentions: 'may not',
      });
      await refusedWithoutWrites(api, {
        method: 'POST',
        path: '/endpoints/00000000-0000-4000-8000-000000000009/approve',
        options: {},
        status: 404,
        mentions: 'endpoint 00000000-0000-4000-8000-000000000009',
      });
      expect((await api.request<{ approval: string }>('GET', `/endpoints/${a.id}`)).json().data.approval).toBe('pending');
    });
  });

  describe('max_uses', () => {
    it('counts each registration; beyond the limit a 403 names it and writes nothing; listings show uses, never secrets', async () => {
      const created = await api.request<KeyData>('POST', '/keys', { body: { role: 'enroll', name: 'two machines', max_uses: 2 } });
      expect(created.statusCode, created.body).toBe(201);
      const { api_key: secret = '', id } = created.json().data;
      await enrolled(secret, 'one');
      await enrolled(secret, 'two');
      await refusedWithoutWrites(api, {
        method: 'POST',
        path: '/endpoints',
        options: { key: secret, body: { name: 'three', hostname: 'three.lan' } },
        status: 403,
        code: 'INSUFFICIENT_PERMISSIONS',
        mentions: 'max_uses',
      });
      const listed = (await api.request<KeyData[]>('GET', '/keys')).json().data.find((k) => k.id === id);
      expect(listed).toMatchObject({ uses: 2, max_uses: 2, auto_approve: false });
      expect(JSON.stringify(listed)).not.toContain(secret);
      // A refused registration (a taken name) does not use up the key.
      const three = await api.request<KeyData>('POST', '/keys', { body: { role: 'enroll', name: 'one more', max_uses: 1 } });
      const k3 = three.json().data;
      expect((await enrol(k3.api_key ?? '', 'one')).statusCode).toBe(409);
      await enrolled(k3.api_key ?? '', 'four');
      expectRefused(await api.request('POST', '/keys', { body: { role: 'read', name: 'x', max_uses: 3 } }), 400, 'VALIDATION_ERROR', 'max_uses');
      expectRefused(
        await api.request('POST', '/keys', { body: { role: 'enroll', name: 'x', max_uses: 0 } }),
        400,
        'VALIDATION_ERROR',
        'body.max_uses',
      );
    });

    it('two registrations racing for the last use: exactly one succeeds', async () => {
      for (let round = 0; round < 5; round++) {
        const created = await api.request<KeyData>('POST', '/keys', { body: { role: 'enroll', name: `race ${round}`, max_uses: 1 } });
        const secret = created.json().data.api_key ?? '';
        const results = await Promise.all([enrol(secret, `racer-${round}-a`), enrol(secret, `racer-${round}-b`)]);
        expect(results.map((r) => r.statusCode).sort(), results.map((r) => r.body).join('\n')).toEqual([201, 403]);
        const row = await api.db.selectFrom('api_keys').select('uses').where('id', '=', created.json().data.id).executeTakeFirstOrThrow();
        expect(row.uses).toBe(1);
      }
      const names = (await api.db.selectFrom('endpoints').select('name').execute()).map((e) => e.name);
      expect(names).toHaveLength(5);
    });
  });

  describe('key rotation', () => {
    it('rotate-key answers a new key once and revokes the old one (admin, or the endpoint itself with its current key)', async () => {
      const pool = await makePool(api);
      const ep = await makeEndpoint(api, pool);
      const bySelf = await api.request<{ endpoint_id: string; api_key: string; api_key_id: string; revoked_key_ids: string[] }>(
        'POST',
        `/endpoints/${ep.id}/rotate-key`,
        { key: ep.key },
      );
      expect(bySelf.statusCode, bySelf.body).toBe(201);
      const second = bySelf.json().data;
      expect(second.api_key).toMatch(/^psk_[A-Za-z0-9_-]{43}$/);
      expect(second.revoked_key_ids).toHaveLength(1);
      expect((await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key })).statusCode).toBe(401);
      expect((await api.request('GET', `/endpoints/${ep.id}`, { key: second.api_key })).statusCode).toBe(200);

      const byAdmin = await api.request<{ api_key: string; revoked_key_ids: string[] }>('POST', `/endpoints/${ep.id}/rotate-key`);
      expect(byAdmin.statusCode).toBe(201);
      expect(byAdmin.json().data.revoked_key_ids).toEqual([second.api_key_id]);
      expect((await api.request('GET', `/endpoints/${ep.id}`, { key: second.api_key })).statusCode).toBe(401);
      expect((await api.request('GET', `/endpoints/${ep.id}`, { key: byAdmin.json().data.api_key })).statusCode).toBe(200);
      // Never shown again, and audited without the secret.
      for (const path of [`/endpoints/${ep.id}`, '/keys', '/events'])
        expect((await api.request('GET', path)).body).not.toContain(byAdmin.json().data.api_key);
      const rotated = await events('endpoint_key_rotated');
      expect(rotated).toHaveLength(2);
      const active = await api.db.selectFrom('api_keys').select('id').where('endpoint_id', '=', ep.id).where('is_active', '=', true).execute();
      expect(active).toHaveLength(1);
    });

    it('two rotations at once leave exactly one working key, one of the two answered', async () => {
      const ep = await makeEndpoint(api, null);
      for (let round = 0; round < 3; round++) {
        const answers = await Promise.all(
          [1, 2].map(() => api.request<{ api_key: string; api_key_id: string }>('POST', `/endpoints/${ep.id}/rotate-key`)),
        );
        expect(
          answers.map((r) => r.statusCode),
          answers.map((r) => r.body).join('\n'),
        ).toEqual([201, 201]);
        const active = await api.db.selectFrom('api_keys').select('id').where('endpoint_id', '=', ep.id).where('is_active', '=', true).execute();
        expect(active).toHaveLength(1);
        expect(answers.map((r) => r.json().data.api_key_id)).toContain(active[0]?.id);
      }
    });

    it("an endpoint key cannot rotate another endpoint's key", async () => {
      const a = await makeEndpoint(api, null);
      const b = await makeEndpoint(api, null);
      await refusedWithoutWrites(api, {
        method: 'POST',
        path: `/endpoints/${b.id}/rotate-key`,
        options: { key: a.key },
        status: 403,
        code: 'INSUFFICIENT_PERMISSIONS',
        mentions: 'may not',
      });
      expect((await api.request('GET', `/endpoints/${b.id}`, { key: b.key })).statusCode).toBe(200);
    });

    it('POST /keys for an endpoint revokes its previous key', async () => {
      const ep = await makeEndpoint(api, null);
      const created = await api.request<KeyData>('POST', '/keys', { body: { role: 'endpoint', name: 'replacement', endpoint_id: ep.id } });
      expect(created.statusCode, created.body).toBe(201);
      expect((await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key })).statusCode).toBe(401);
      expect((await api.request('GET', `/endpoints/${ep.id}`, { key: created.json().data.api_key ?? '' })).statusCode).toBe(200);
    });
  });
});
