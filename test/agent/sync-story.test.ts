// The agent's main story, end to end, on both database engines: the built `pacsync` CLI against
// the real server (127.0.0.1) and the real pacman in sandbox roots. Machine A (up to date) sets
// the pool's target; machine B (older, with extras, IgnorePkg = fonts) previews, syncs and reverts.
// `pacman -Q` is the referee throughout.
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureAgentBuilt, pacsync, withLocalDbReads } from '../support/agent-cli.js';
import { buildFleet, withLines, type Fleet } from '../support/agent-fleet.js';
import { DIALECTS } from '../support/database.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { localDbHash, pacmanQ, sandboxSkipReason, type Sandbox } from '../support/pacman-sandbox.js';

const skip = sandboxSkipReason({ needRoot: true });

describe.skipIf(skip).each(DIALECTS)('agent story on %s', (dialect) => {
  let fleet: Fleet;
  let srv: LiveServer;
  let A: Sandbox;
  let B: Sandbox;
  let confA: string;
  let confB: string;
  let poolId: string;
  let enrollKey: string;
  let qA: string;
  let qBBefore: string;
  let syncOpId: string;

  const endpointIdOf = async (conf: string): Promise<string> => /endpoint_id = (\S+)/.exec(await readFile(conf, 'utf8'))?.[1] ?? '';

  beforeAll(async () => {
    ensureAgentBuilt();
    fleet = await buildFleet();
    srv = await startLiveServer(dialect);
    // Pool policy: kernels are pinned per machine; extras are removed.
    poolId = (await srv.ok<{ id: string }>('POST', '/pools', { name: 'lab', settings: { excluded_packages: ['kernel'], remove_extra: true } })).id;
    enrollKey = (await srv.ok<{ api_key: string }>('POST', '/keys', { role: 'enroll', name: 'lab enroll', pool_id: poolId, auto_approve: true }))
      .api_key;
    A = await fleet.machine('a', { from: 'new', install: ['curl', 'kernel', 'editor', 'fonts'] });
    B = await fleet.machine('b', { from: 'old', install: ['curl', 'kernel', 'fonts', 'extra-tool'], ignorePkg: ['fonts'] });
    confA = await fleet.agentConfig(A);
    confB = await fleet.agentConfig(B);
    qA = await pacmanQ(A);
    qBBefore = await pacmanQ(B);
  });

  afterAll(async () => {
    await srv?.close();
    await fleet?.cleanup();
  });

  test('register stores the server, the endpoint id and its own key in the config file, mode 0600', async () => {
    const r = await pacsync(['--config', confA, 'register', '--server', srv.url, '--enroll-key', enrollKey, '--name', 'machine-a']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('registered as machine-a');
    expect(r.stdout).toContain('packages reported; sync status: unknown'); // no target yet
    expect(r.stdout).not.toContain(enrollKey);
    expect(statSync(confA).mode & 0o777).toBe(0o600);
    const text = await readFile(confA, 'utf8');
    expect(text).toContain(`url = ${srv.url}`);
    expect(text).toContain('endpoint_name = machine-a');
    expect(text).toContain(`cache_dir = ${A.cachedir}`); // the rest of the file is kept
    expect(text).not.toContain(enrollKey);
    const id = await endpointIdOf(confA);
    const ep = await srv.ok<{ name: string; pool_id: string }>('GET', `/endpoints/${id}`);
    expect(ep).toMatchObject({ name: 'machine-a', pool_id: poolId });
    // The stored key is the endpoint's own: it may read its endpoint and nothing else.
    const key = /api_key = (\S+)/.exec(text)?.[1] ?? '';
    expect((await srv.api('GET', `/endpoints/${id}`, undefined, key)).status).toBe(200);
    expect((await srv.api('GET', '/endpoints', undefined, key)).status).toBe(403);

    const rb = await pacsync(['--config', confB, 'register', '--server', srv.url, '--enroll-key', enrollKey, '--name', 'machine-b']);
    expect(rb.code).toBe(0);
  });

  test("set-latest on A makes A's package set the pool's target", async () => {
    // It reports A's repositories too (analysis must not keep versions a -Syu replaced).
    const id = await endpointIdOf(confA);
    const reposAt = async (): Promise<string[]> =>
      (await srv.database.db.selectFrom('repositories').select('last_updated').where('endpoint_id', '=', id).execute()).map((r) =>
        String(r.last_updated),
      );
    const reportedBefore = await reposAt();
    const r = await pacsync(['--config', confA, 'set-latest', '--message', 'baseline']);
    const reportedAfter = await reposAt();
    expect(reportedAfter).toHaveLength(1);
    expect(reportedAfter[0]! > (reportedBefore[0] ?? '')).toBe(true);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const pool = await srv.ok<{ target_state_id: string }>('GET', `/pools/${poolId}`);
    const target = await srv.ok<{ message: string; state_data: { packages: Record<string, { version: string }> } }>(
      'GET',
      `/states/${pool.target_state_id}`,
    );
    expect(target.message).toBe('baseline');
    const asQ = Object.entries(target.state_data.packages)
      .map(([n, p]) => `${n} ${p.version}\n`)
      .sort()
      .join('');
    expect(asQ).toBe(qA);
  });

  test('sync --dry-run shows the plan and leaves the local database byte-identical', async () => {
    const before = await localDbHash(B);
    const r = await withLocalDbReads('curl', ['--config', confB, 'sync', '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // One reading of the machine: the state reported is the one the plan is checked and resolved on.
    expect(r.localDbReads).toBe(1);
    expect(r.stdout).toMatch(/upgrade\s+glibc 2\.38-1 -> 2\.39-1/);
    expect(r.stdout).toMatch(/install\s+editor 2\.0-1/);
    expect(r.stdout).toMatch(/remove\s+extra-tool 1\.0-1/);
    expect(r.stdout).toMatch(/excluded\s+fonts \(by pacman\.conf IgnorePkg fonts\)/);
    expect(r.stdout).toMatch(/excluded\s+kernel \(by pool excluded_packages kernel\)/); // one wording, naming the rule
    const ex = await pacsync(['--config', confB, 'packages', '--filter', 'excluded']);
    expect(ex.stdout).toMatch(/^excluded\s+kernel 6\.1-1 -> 6\.2-1 \(by pool excluded_packages kernel\)$/m);
    expect(r.stdout).toContain('dry run: nothing was changed');
    expect(await localDbHash(B)).toBe(before);
    expect(await pacmanQ(B)).toBe(qBBefore);
  });

  test("sync --yes: B's pacman -Q equals A's minus exclusions; the operation completes at 100 %, B is in_sync", async () => {
    const r = await withLocalDbReads('curl', ['--config', confB, 'sync', '--yes']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The machine is read before the plan and after pacman, nothing in between (the plan is
    // resolved once, on the first reading, and prepared from that).
    expect(r.localDbReads).toBe(2);
    // kernel: excluded by the pool; fonts: IgnorePkg on B; extra-tool and helper-lib: removed (remove_extra).
    const oldLine = (n: string): string => qBBefore.split('\n').find((l) => l.startsWith(`${n} `)) as string;
    expect(await pacmanQ(B)).toBe(withLines(qA, { kernel: oldLine('kernel'), fonts: oldLine('fonts') }));

    const id = await endpointIdOf(confB);
    const ops = await srv.ok<{
      items: { id: string; status: string; progress: number; details: { dry_run: boolean; result?: unknown; last_progress?: { step: string } } }[];
    }>('GET', `/endpoints/${id}/operations?operation_type=sync_to_latest`);
    const real = ops.items.filter((o) => !o.details.dry_run);
    expect(real).toHaveLength(1);
    const op = real[0] as (typeof real)[number];
    expect(op).toMatchObject({ status: 'completed', progress: 100 });
    expect(op.details.result).toBeTruthy();
    // The agent reported its progress as it went (the last report before completing).
    expect(op.details.last_progress?.step).toBe('sync done');
    syncOpId = op.id;
    const ep = await srv.ok<{ sync_status: string; package_summary: Record<string, number> }>('GET', `/endpoints/${id}`);
    expect(ep.sync_status).toBe('in_sync');
    expect(ep.package_summary).toMatchObject({ missing: 0, behind: 0, ahead: 0, extra: 0 });

    const st = await pacsync(['--config', confB, 'status', '--json']);
    expect(st.code).toBe(0);
    expect(JSON.parse(st.stdout)).toMatchObject({ sync_status: 'in_sync', server: { reachable: true }, pool: { id: poolId } });
  });

  test("states lists B's own states, the one before the sync marked; revert --state-id refuses a target unless --target", async () => {
    const id = await endpointIdOf(confB);
    const r = await pacsync(['--config', confB, 'states', '--json']);
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.stdout) as { pre_sync_state_id: string; states: { id: string; endpoint_id: string }[] };
    expect(listed.states.length).toBeGreaterThan(0);
    expect(new Set(listed.states.map((s) => s.endpoint_id))).toEqual(new Set([id]));
    expect(listed.states.map((s) => s.id)).toContain(listed.pre_sync_state_id);
    const text = await pacsync(['--config', confB, 'states']);
    expect(text.stdout).toContain(`${listed.pre_sync_state_id}  `);
    expect(text.stdout).toMatch(/\(before the last sync: the default of revert\)/);

    const target = (await srv.ok<{ target_state_id: string }>('GET', `/pools/${poolId}`)).target_state_id;
    const before = await pacmanQ(B);
    const refused = await pacsync(['--config', confB, 'revert', '--state-id', target, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: --state-id \S+ is not one of this machine's own states: it is a target of the pool .*pass --target/);
    expect(await pacmanQ(B)).toBe(before);
    const dry = await pacsync(['--config', confB, 'revert', '--state-id', target, '--target', '--dry-run']);
    expect([dry.code, dry.stderr]).toEqual([0, '']);
  });

  test("revert --yes returns B's pacman -Q to exactly what it was before the sync", async () => {
    expect(syncOpId).toBeDefined();
    const r = await pacsync(['--config', confB, 'revert', '--yes']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await pacmanQ(B)).toBe(qBBefore);
    // Install reasons come back too: extra-tool explicit, helper-lib a dependency.
    expect(await pacmanQ(B, '-qd')).toContain('helper-lib');
    const id = await endpointIdOf(confB);
    const ep = await srv.ok<{ sync_status: string }>('GET', `/endpoints/${id}`);
    expect(ep.sync_status).toBe('behind');
  });
});
