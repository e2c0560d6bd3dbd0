// The built `pacsync-server endpoints …` command and the enroll-key options of `keys create`, on
// both engines: approval from the server machine, rejection revoking the key, key rotation
// printing the new key once, and enroll keys' uses and auto-approval in `keys list`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makeKey, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { runServerCli } from '../support/server-process.js';

const KEY = /psk_[A-Za-z0-9_-]{43}/g;

describe.each(DIALECTS)('pacsync-server endpoints on %s', (dialect) => {
  let api: TestApp;
  beforeEach(async () => {
    api = await createTestApp(dialect);
  });
  afterEach(() => api.close());
  const cli = (...args: string[]) => runServerCli(args, { env: api.database.env });
  const enrol = async (key: string, name: string) => {
    const res = await api.request<{ id: string; api_key: string; approval: string }>('POST', '/endpoints', {
      key,
      body: { name, hostname: `${name}.lan` },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().data;
  };

  it("list --pending shows the machines waiting; approve lets one in, reject revokes the other's key; both are audited", async () => {
    const pool = await makePool(api);
    await makeEndpoint(api, pool, 'trusted');
    const enroll = await makeKey(api, 'enroll', { pool_id: pool });
    const a = await enrol(enroll.key, 'new-a');
    const b = await enrol(enroll.key, 'new-b');

    const pending = await cli('endpoints', 'list', '--pending');
    expect(pending.code, pending.stderr).toBe(0);
    expect(pending.stdout).toMatch(new RegExp(`^${a.id}\\tnew-a\\tnew-a\\.lan\\t${pool}\\tpending\\t`, 'm'));
    expect(pending.stdout).toContain(b.id);
    expect(pending.stdout).not.toContain('trusted');
    expect(pending.stdout.trimEnd().split('\n').at(-1)).toBe('2 endpoints');
    expect(pending.stdout).not.toMatch(KEY);

    expect(await cli('endpoints', 'approve', a.id)).toMatchObject({ code: 0, stdout: `approved endpoint ${a.id} (new-a)\n` });
    expect(await cli('endpoints', 'reject', b.id)).toMatchObject({ code: 0, stdout: `rejected endpoint ${b.id} (new-b): its API key is revoked\n` });
    expect((await api.request('GET', `/endpoints/${b.id}`, { key: b.api_key })).statusCode).toBe(401);
    expect((await api.request('POST', `/endpoints/${a.id}/sync`, { key: a.api_key, body: { dry_run: true } })).json().error?.code).not.toBe(
      'ENDPOINT_NOT_APPROVED',
    );

    const all = await cli('endpoints', 'list', '--json');
    const listed = JSON.parse(all.stdout) as { name: string; approval: string }[];
    expect(Object.fromEntries(listed.map((e) => [e.name, e.approval]))).toEqual({ trusted: 'approved', 'new-a': 'approved', 'new-b': 'rejected' });
    const events = (await api.request<{ items: { event_type: string; user_id: string }[] }>('GET', '/events', { query: { limit: '20' } })).json().data
      .items;
    const byType = new Map(events.map((e) => [e.event_type, e.user_id]));
    expect(byType.get('endpoint_approved')).toMatch(/^cli/);
    expect(byType.get('endpoint_rejected')).toMatch(/^cli/);
  });

  it('rotate-key prints the new key once and revokes the old one', async () => {
    const ep = await makeEndpoint(api, null, 'ws-01');
    const r = await cli('endpoints', 'rotate-key', ep.id);
    expect(r.code, r.stderr).toBe(0);
    const secrets = r.stdout.match(KEY) ?? [];
    expect(secrets).toHaveLength(1);
    expect(r.stdout).toContain(`for endpoint ${ep.id}; revoked 1 previous key(s)`);
    expect((await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key })).statusCode).toBe(401);
    expect((await api.request('GET', `/endpoints/${ep.id}`, { key: secrets[0] ?? '' })).statusCode).toBe(200);
  });

  it('keys create --max-uses --auto-approve: registrations are approved and counted; keys list shows uses, never the secret', async () => {
    const created = await cli('keys', 'create', '--role', 'enroll', '--name', 'image', '--max-uses', '1', '--auto-approve');
    expect(created.code, created.stderr).toBe(0);
    const secret = created.stdout.match(KEY)?.[0] ?? '';
    const id = /created enroll key ([0-9a-f-]{36})/.exec(created.stdout)?.[1] ?? '';
    expect((await cli('keys', 'list')).stdout).toMatch(new RegExp(`^${id}\\tenroll\\timage\\t-\\tactive\\tnever\\tnever\\t0/1 auto-approve$`, 'm'));
    expect((await enrol(secret, 'img-1')).approval).toBe('approved');
    const second = await api.request('POST', '/endpoints', { key: secret, body: { name: 'img-2', hostname: 'img-2.lan' } });
    expect(second.statusCode).toBe(403);
    const list = await cli('keys', 'list');
    expect(list.stdout).toMatch(new RegExp(`^${id}\\t.*\\t1/1 auto-approve$`, 'm'));
    expect(list.stdout).not.toContain(secret);
  });

  it('bad usage is one line on stderr and a non-zero exit, with nothing written', async () => {
    const enroll = await makeKey(api, 'enroll');
    const rejected = await enrol(enroll.key, 'gone');
    await api.request('POST', `/endpoints/${rejected.id}/reject`);
    const before = await api.rowCounts();
    for (const [args, pattern] of [
      [['endpoints', 'approve', 'ws-01'], /^pacsync-server: id: "ws-01" is not a UUID$/],
      [['endpoints', 'approve', '00000000-0000-4000-8000-000000000009'], /endpoint 00000000-0000-4000-8000-000000000009 not found/],
      [['endpoints', 'approve', rejected.id], /was rejected/],
      [['endpoints', 'rotate-key', rejected.id], /was rejected/],
      [['keys', 'create', '--role', 'enroll', '--max-uses', '0'], /--max-uses.*"0" is not a whole number/],
      [['keys', 'create', '--role', 'read', '--max-uses', '2'], /^pacsync-server: --max-uses: is only allowed for role enroll, not read$/],
      [['keys', 'create', '--role', 'read', '--auto-approve'], /^pacsync-server: --auto-approve: is only allowed for role enroll, not read$/],
    ] as const) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, `${args.join(' ')}: ${r.stderr}`).toHaveLength(1);
      expect(lines[0], args.join(' ')).toMatch(pattern);
    }
    expect(await api.rowCounts()).toEqual(before);
  });
});
