// The agent CLI's other paths, end to end with the real server (SQLite) and the real pacman:
// `manual` conflicts (exit 4, nothing changed) and --force, refusing to change packages without a
// terminal or --yes, a failing pacman (exit 6, the operation failed with pacman's message and the
// state reached reported), `packages`, `submit`, `status`, `waybar`, `test-connection`, and one
// clear line with the right exit code for a bad configuration, a wrong key and an unreachable server.
import { createServer } from 'node:net';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureAgentBuilt, pacsync, type CliRun } from '../support/agent-cli.js';
import { buildFleet, type Fleet } from '../support/agent-fleet.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { buildPackage, installFiles, installPackages, localDbHash, pacmanQ, sandboxSkipReason, type Sandbox } from '../support/pacman-sandbox.js';

const skip = sandboxSkipReason({ needRoot: true });

/** One line on stderr, `error: …`, no stack trace. */
function oneErrorLine(r: CliRun): string {
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return lines[0] as string;
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe.skipIf(skip)('agent commands (SQLite server, real pacman)', () => {
  let fleet: Fleet;
  let srv: LiveServer;
  let poolId: string;
  let A: Sandbox;
  let qA: string;

  const enrol = (sb: Sandbox, name: string, pacmanLines: string[] = []) => fleet.enrol(srv, sb, name, poolId, pacmanLines);

  beforeAll(async () => {
    ensureAgentBuilt();
    fleet = await buildFleet();
    srv = await startLiveServer('sqlite');
    poolId = (await srv.ok<{ id: string }>('POST', '/pools', { name: 'lab' })).id; // manual, remove_extra off
    A = await fleet.machine('a', { from: 'new', install: ['curl', 'kernel', 'editor'] });
    qA = await pacmanQ(A);
    const a = await enrol(A, 'machine-a');
    const r = await pacsync(['--config', a.conf, 'set-latest']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect((await srv.ok<{ target_state_id: string | null }>('GET', `/pools/${poolId}`)).target_state_id).not.toBeNull();
  });

  afterAll(async () => {
    await srv?.close();
    await fleet?.cleanup();
  });

  test("manual conflicts: exit 4 and nothing changes; --force downgrades to the target's version", async () => {
    const C = await fleet.machine('c', { from: 'new', install: ['curl'] });
    const newer = await buildPackage({ name: 'glibc', version: '2.40-1' }, C.dir);
    await installFiles(C, [newer.path]);
    const c = await enrol(C, 'machine-c');
    const before = await localDbHash(C);

    const r = await pacsync(['--config', c.conf, 'sync', '--yes']);
    expect(r.code).toBe(4);
    expect(oneErrorLine(r)).toContain('glibc 2.40-1 (target 2.39-1)');
    expect(r.stdout).toMatch(/conflict\s+glibc installed 2\.40-1, target 2\.39-1: blocked/);
    expect(await localDbHash(C)).toBe(before);
    const ops = await srv.ok<{ items: { status: string; error_message: string | null }[] }>('GET', `/endpoints/${c.id}/operations`);
    expect(ops.items[0]).toMatchObject({ status: 'failed' });
    expect(ops.items[0]?.error_message).toContain('conflict');

    const f = await pacsync(['--config', c.conf, 'sync', '--yes', '--force']);
    expect(f.stderr).toBe('');
    expect(f.code).toBe(0);
    expect(f.stdout).toMatch(/downgrade\s+glibc 2\.40-1 -> 2\.39-1/);
    expect(await pacmanQ(C)).toBe(qA);
    expect((await srv.ok<{ sync_status: string }>('GET', `/endpoints/${c.id}`)).sync_status).toBe('in_sync');
  });

  test(
    'without a terminal and without --yes, sync shows the plan and refuses: ' + 'exit 1, one line naming --yes, nothing changed, no operation left',
    async () => {
      const D = await fleet.machine('d', { from: 'old', install: ['curl'] });
      const d = await enrol(D, 'machine-d');
      const before = await localDbHash(D);
      const r = await pacsync(['--config', d.conf, 'sync']);
      expect(r.code).toBe(1);
      expect(oneErrorLine(r)).toContain('--yes');
      expect(r.stdout).toMatch(/^sync plan:\n/);
      expect(r.stdout).toMatch(/upgrade\s+glibc 2\.38-1 -> 2\.39-1/);
      expect(await localDbHash(D)).toBe(before);
      // The preview is a dry run: the server holds no operation that could block the next sync
      // (a prompt killed with kill -9 leaves nothing pending either).
      const ops = await srv.ok<{ total: number }>('GET', `/endpoints/${d.id}/operations`);
      expect(ops.total).toBe(0);

      // pacsync cancel: the way out of an operation nobody runs (here one an admin started).
      const started = await srv.ok<{ operation: { id: string } }>('POST', `/endpoints/${d.id}/sync`, {});
      const c = await pacsync(['--config', d.conf, 'cancel']);
      expect([c.code, c.stderr]).toEqual([0, '']);
      expect(c.stdout).toBe(`cancelled sync_to_latest ${started.operation.id} (was pending)\n`);
      expect((await srv.ok<{ status: string }>('GET', `/operations/${started.operation.id}`)).status).toBe('cancelled');
      expect((await pacsync(['--config', d.conf, 'cancel'])).stdout).toBe('no active operation: nothing to cancel\n');
      // One in progress may be running pacman right now: only with --force.
      const running = await srv.ok<{ operation: { id: string } }>('POST', `/endpoints/${d.id}/sync`, {});
      expect((await srv.api('POST', `/operations/${running.operation.id}/progress`, { progress: 5 }, d.key)).status).toBe(200);
      const refused = await pacsync(['--config', d.conf, 'cancel']);
      expect(refused.code).toBe(1);
      expect(oneErrorLine(refused)).toMatch(/is in progress: pacman may be running it now; pass --force/);
      expect((await pacsync(['--config', d.conf, 'cancel', '--force'])).code).toBe(0);

      // packages: the drift per package, as the server computes it against the target.
      const p = await pacsync(['--config', d.conf, 'packages', '--filter', 'behind']);
      expect(p.code).toBe(0);
      const versions = (q: string): Map<string, string> =>
        new Map(
          q
            .split('\n')
            .filter(Boolean)
            .map((l) => l.split(' ') as [string, string]),
        );
      const qD = versions(await pacmanQ(D));
      const target = versions(qA);
      const expected = [...qD]
        .filter(([n, v]) => target.has(n) && target.get(n) !== v)
        .map(([n, v]) => `behind   ${n} ${v} -> ${target.get(n)} [core]`);
      expect(p.stdout.split('\n').filter(Boolean)).toEqual(expected.sort());
      const missing = await pacsync(['--config', d.conf, 'packages', '--filter', 'missing', '--json']);
      const rows = (JSON.parse(missing.stdout) as { packages: { name: string; status: string }[] }).packages;
      expect(rows.map((x) => x.name)).toEqual([...target.keys()].filter((n) => !qD.has(n)).sort());
      expect(new Set(rows.map((x) => x.status))).toEqual(new Set(['missing']));
      // waybar names what makes the status: "2 missing, 4 behind", not "6 behind".
      const counts = (rows: { status: string }[], status: string): number => rows.filter((x) => x.status === status).length;
      const all = (JSON.parse((await pacsync(['--config', d.conf, 'packages', '--json'])).stdout) as { packages: { status: string }[] }).packages;
      expect(counts(all, 'missing')).toBeGreaterThan(0);
      expect(JSON.parse((await pacsync(['--config', d.conf, 'waybar'])).stdout)).toMatchObject({
        class: 'behind',
        text: `${counts(all, 'missing')} missing, ${counts(all, 'behind')} behind`,
      });
      const search = await pacsync(['--config', d.conf, 'packages', '--search', 'ssl']);
      expect(search.stdout).toMatch(/^behind\s+openssl 3\.1-1 -> 3\.2-1 \[core\]\n$/);

      // submit: the state and the repositories, and where the machine stands.
      const s = await pacsync(['--config', d.conf, 'submit']);
      expect(s.code).toBe(0);
      expect(s.stdout).toContain(`reported ${qD.size} package(s) and 1 repository`);
      expect(s.stdout).toMatch(/sync status: behind: \d+ missing, \d+ behind/);
    },
  );

  test("a failing pacman: exit 6 with pacman's message, the operation failed with it, the state reached reported", async () => {
    const E = await fleet.machine('e', { from: 'old', install: ['curl'] });
    // Real pacman for everything but the real transaction, which fails like a full disk would.
    const script = path.join(E.dir, 'broken-pacman');
    await writeFile(
      script,
      [
        '#!/bin/sh',
        'for a in "$@"; do [ "$a" = --print ] && exec pacman "$@"; done',
        'for a in "$@"; do [ "$a" = -U ] && { echo "error: failed to commit transaction (simulated: no space left on device)" >&2; exit 1; }; done',
        'exec pacman "$@"',
        '',
      ].join('\n'),
    );
    await chmod(script, 0o755);
    const e = await enrol(E, 'machine-e', [`command = ${script}`]);
    expect(await readFile(e.conf, 'utf8')).toContain(`command = ${script}`);
    const qBefore = await pacmanQ(E);
    const r = await pacsync(['--config', e.conf, 'sync', '--yes']);
    expect(r.code).toBe(6);
    expect(oneErrorLine(r)).toContain('failed to commit transaction (simulated: no space left on device)');
    expect(await pacmanQ(E)).toBe(qBefore);
    const ops = await srv.ok<{ items: { status: string; error_message: string; details: { post_state_id?: string } }[] }>(
      'GET',
      `/endpoints/${e.id}/operations`,
    );
    expect(ops.items[0]).toMatchObject({ status: 'failed' });
    expect(ops.items[0]?.error_message).toContain('simulated: no space left on device');
    const reached = await srv.ok<{ state_data: { packages: Record<string, { version: string }> } }>(
      'GET',
      `/states/${ops.items[0]?.details.post_state_id}`,
    );
    expect(
      Object.entries(reached.state_data.packages)
        .map(([n, p]) => `${n} ${p.version}\n`)
        .sort()
        .join(''),
    ).toBe(qBefore);
    expect((await srv.ok<{ status: string }>('GET', `/endpoints/${e.id}`)).status).toBe('error');
  });

  test('status, waybar and test-connection against a reachable server', async () => {
    const a = path.join(A.dir, 'client.conf');
    const st = await pacsync(['--config', a, 'status']);
    expect(st.code).toBe(0);
    expect(st.stdout).toMatch(/sync status:\s+in_sync/);
    expect(st.stdout).toMatch(/pool:\s+lab/);
    const w = await pacsync(['--config', a, 'waybar']);
    expect(w.code).toBe(0);
    expect(JSON.parse(w.stdout)).toMatchObject({ class: 'in_sync', text: 'in sync', percentage: 100 });
    const t = await pacsync(['--config', a, 'test-connection']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/authentication: ok as endpoint machine-a/);
  });

  test("status reports first, so it shows the machine now; --offline shows the server's copy and says so", async () => {
    const F = await fleet.machine('f', { from: 'new', install: ['curl'] });
    const f = await enrol(F, 'machine-f');
    expect((await pacsync(['--config', f.conf, 'submit'])).code).toBe(0);
    const summary = async (...flags: string[]): Promise<{ missing: number; reported_now: boolean }> => {
      const r = await pacsync(['--config', f.conf, 'status', '--json', ...flags]);
      expect([r.code, r.stderr]).toEqual([0, '']);
      const j = JSON.parse(r.stdout) as { package_summary: { missing: number }; reported_now: boolean };
      return { missing: j.package_summary.missing, reported_now: j.reported_now };
    };
    const before = await summary();
    await installPackages(F, ['kernel']); // behind the agent's back: one missing package less
    expect(await summary('--offline')).toEqual({ missing: before.missing, reported_now: false });
    const text = await pacsync(['--config', f.conf, 'status', '--offline']);
    expect(text.stdout).toMatch(/sync status:\s+behind \(as the server last saw it, \S+; without --offline the machine reports first\)/);
    expect(await summary()).toEqual({ missing: before.missing - 1, reported_now: true });
  });

  test('bad configuration → exit 2, wrong key → exit 5, unreachable server → exit 3: one clear line each', async () => {
    const conf = path.join(A.dir, 'client.conf');
    const good = await readFile(conf, 'utf8');
    const bad = path.join(A.dir, 'bad.conf');

    await writeFile(bad, good.replace('timeout = 10', 'timeout = soon'));
    const r2 = await pacsync(['--config', bad, 'submit']);
    expect(r2.code).toBe(2);
    expect(oneErrorLine(r2)).toMatch(/timeout: 'soon' is not a positive number of seconds/);
    const missing = await pacsync(['--config', path.join(A.dir, 'nope.conf'), 'status']);
    expect(missing.code).toBe(2);
    expect(oneErrorLine(missing)).toContain('not found');
    // A misspelled section, or a dbpath that does not exist: never another database read instead.
    await writeFile(bad, good.replace('[pacman]', '[pacmn]'));
    const typo = await pacsync(['--config', bad, 'sync', '--dry-run']);
    expect(typo.code).toBe(2);
    expect(oneErrorLine(typo)).toContain('unknown section [pacmn] (did you mean [pacman]?');
    await writeFile(bad, good.replace(/dbpath = \S+/, `dbpath = ${path.join(A.dir, 'no-such-db')}`));
    for (const command of ['status', 'submit', 'sync']) {
      const nodb = await pacsync(['--config', bad, command]);
      expect(nodb.code).toBe(2);
      expect(oneErrorLine(nodb)).toBe(
        `error: [pacman] dbpath ${path.join(A.dir, 'no-such-db')} does not exist ` +
          `(configuration file ${bad}): it must be this machine's pacman database directory`,
      );
    }
    await writeFile(bad, '[pacman]\nuse_sudo = false\n');
    const unregistered = await pacsync(['--config', bad, 'sync', '--yes']);
    expect(unregistered.code).toBe(2);
    expect(oneErrorLine(unregistered)).toContain('pacsync register');

    const wrongKey = 'x'.repeat(43);
    await writeFile(bad, good.replace(/api_key = \S+/, `api_key = ${wrongKey}`));
    const r5 = await pacsync(['--config', bad, 'submit']);
    expect(r5.code).toBe(5);
    expect(oneErrorLine(r5)).toMatch(/^error: authentication failed: .*AUTHENTICATION_REQUIRED/);
    expect(r5.stderr).not.toContain(wrongKey);
    expect((await pacsync(['--config', bad, 'test-connection'])).code).toBe(5);

    const port = await closedPort();
    await writeFile(bad, good.replace(/url = \S+/, `url = http://127.0.0.1:${port}`));
    const r3 = await pacsync(['--config', bad, 'sync', '--yes']);
    expect(r3.code).toBe(3);
    expect(oneErrorLine(r3)).toBe(`error: cannot reach the server at http://127.0.0.1:${port}: connection refused`);
    // submit keeps its report for later, as the daemon does, and says so.
    const sub = await pacsync(['--config', bad, 'submit']);
    expect(sub.code).toBe(3);
    expect(oneErrorLine(sub)).toMatch(/connection refused; the report is queued in \S+report-queue\.json and sent when the server is back/);
    const st = await pacsync(['--config', bad, 'status', '--json']);
    expect(st.code).toBe(3);
    expect(JSON.parse(st.stdout)).toMatchObject({ server: { reachable: false }, queued_reports: 2 });
    const back = await pacsync(['--config', conf, 'submit']);
    expect([back.code, back.stderr]).toEqual([0, '']);
    expect(JSON.parse((await pacsync(['--config', conf, 'status', '--json'])).stdout)).toMatchObject({ queued_reports: 0 });
    // Waybar gets valid JSON whatever happens.
    const w = await pacsync(['--config', bad, 'waybar']);
    expect(w.code).toBe(0);
    expect(JSON.parse(w.stdout)).toMatchObject({ class: 'offline', text: 'offline', percentage: 0 });
    await writeFile(bad, good.replace('timeout = 10', 'timeout = soon'));
    const we = await pacsync(['--config', bad, 'waybar']);
    expect(JSON.parse(we.stdout)).toMatchObject({ class: 'error' });

    // A server that accepts the connection and never answers: the configured timeout, exit 3.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const sport = (silent.address() as { port: number }).port;
      await writeFile(bad, good.replace(/url = \S+/, `url = http://127.0.0.1:${sport}`).replace('timeout = 10', 'timeout = 1'));
      const t = await pacsync(['--config', bad, 'test-connection']);
      expect(t.code).toBe(3);
      expect(oneErrorLine(t)).toBe(`error: cannot reach the server at http://127.0.0.1:${sport}: timed out after 1 s`);
    } finally {
      silent.close();
    }
  });

  test('a taken name offers --replace (admin key: take it over); --rotate replaces a revoked or leaked key in one command', async () => {
    const G = await fleet.machine('g', { from: 'new', install: ['curl'] });
    const g = await enrol(G, 'machine-g');
    const keyOf = async (conf: string): Promise<string> => /api_key = (\S+)/.exec(await readFile(conf, 'utf8'))?.[1] ?? '';
    // The machine was reinstalled: a fresh configuration, the same name.
    const fresh = path.join(G.dir, 'fresh.conf');
    await writeFile(fresh, (await readFile(g.conf, 'utf8')).replace(/^\[server\][\s\S]*?(?=^\[pacman\])/m, ''));
    const taken = await pacsync(['--config', fresh, 'register', '--server', srv.url, '--enroll-key', srv.adminKey, '--name', 'machine-g']);
    expect(taken.code).toBe(1);
    expect(oneErrorLine(taken)).toMatch(/an endpoint named 'machine-g' already exists.*--replace/);
    const replaced = await pacsync([
      '--config',
      fresh,
      'register',
      '--server',
      srv.url,
      '--enroll-key',
      srv.adminKey,
      '--name',
      'machine-g',
      '--replace',
    ]);
    expect([replaced.code, replaced.stderr]).toEqual([0, '']);
    expect(await readFile(fresh, 'utf8')).toContain(`endpoint_id = ${g.id}`);
    expect((await pacsync(['--config', g.conf, 'test-connection'])).code).toBe(5); // the old key is revoked
    expect((await pacsync(['--config', fresh, 'test-connection'])).code).toBe(0);

    // --rotate with the machine's own key…
    const before = await keyOf(fresh);
    const rotated = await pacsync(['--config', fresh, 'register', '--rotate']);
    expect([rotated.code, rotated.stderr]).toEqual([0, '']);
    expect(await keyOf(fresh)).not.toBe(before);
    expect((await pacsync(['--config', fresh, 'test-connection'])).code).toBe(0);
    // …and, once an admin revoked it, with an admin key.
    const keys = await srv.ok<{ id: string; endpoint_id: string | null; is_active: boolean }[]>('GET', '/keys');
    for (const k of keys.filter((x) => x.endpoint_id === g.id && x.is_active)) await srv.ok('DELETE', `/keys/${k.id}`);
    expect((await pacsync(['--config', fresh, 'test-connection'])).code).toBe(5);
    expect((await pacsync(['--config', fresh, 'register', '--rotate', '--enroll-key', srv.adminKey])).code).toBe(0);
    expect((await pacsync(['--config', fresh, 'test-connection'])).code).toBe(0);
  });

  test("another operation in progress: exit 1 with the server's SYNC_IN_PROGRESS message", async () => {
    const conf = path.join(A.dir, 'client.conf');
    const id = /endpoint_id = (\S+)/.exec(await readFile(conf, 'utf8'))?.[1] as string;
    const pending = await srv.ok<{ operation: { id: string } }>('POST', `/endpoints/${id}/sync`, {});
    try {
      const r = await pacsync(['--config', conf, 'sync', '--yes']);
      expect(r.code).toBe(1);
      expect(oneErrorLine(r)).toMatch(new RegExp(`already has operation ${pending.operation.id}.*\\(SYNC_IN_PROGRESS\\)$`));
    } finally {
      await srv.ok('POST', `/operations/${pending.operation.id}/cancel`, {});
    }
  });
});
