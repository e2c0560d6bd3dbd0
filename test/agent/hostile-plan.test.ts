// Issue #10, finding 1: the agent runs as root and must not run whatever plan a server sends. A
// real server behind a tampering proxy (a compromised server, or anyone on plain http) rewrites the
// sync plan: option-like names in every list that reaches pacman (`--logfile FILE` made pacman
// write an attacker's line into a root-owned file), a removal of a package that is not installed,
// a name carrying a newline and a terminal escape. Each is refused: non-zero exit, pacman -Q
// unchanged, no file written, the operation failed on the server naming the bad entry. The same
// proxy passing the plan through is obeyed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AGENT_CLI, ensureAgentBuilt, localDbReadCounter, pacsync } from '../support/agent-cli.js';
import { buildFleet, type Fleet } from '../support/agent-fleet.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { localDbHash, pacman, pacmanQ, sandboxSkipReason, type Sandbox } from '../support/pacman-sandbox.js';
import { startTamperingProxy, type TamperingProxy } from '../support/tampering-proxy.js';
import { missingTools } from '../support/tools.js';

const skip = sandboxSkipReason({ needRoot: true });

type Plan = Record<string, any>;

/**
 * `pacsync args…` on a terminal (util-linux `script`), answering the question with `answer`
 * (a function runs first, while the question waits, and gives the answer).
 */
function onTerminal(
  args: string[],
  answer: string | (() => Promise<string>),
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const cmd = [process.execPath, AGENT_CLI, ...args].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qec', cmd, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, LC_ALL: 'C', HOME: '/nonexistent', ...env },
    });
    let out = '';
    let asked = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // Answer once the question is on the screen.
      if (asked || !/\[y\/N\] /.test(out)) return;
      asked = true;
      void (typeof answer === 'string' ? Promise.resolve(answer) : answer()).then((a) => child.stdin.writable && child.stdin.end(`${a}\n`));
    });
    child.on('exit', (code) => resolve({ code, out: out.replace(/\r/g, '') }));
  });
}

describe.skipIf(skip)('a hostile plan is refused before pacman runs (real pacman, real server behind a tampering proxy)', () => {
  let fleet: Fleet;
  let srv: LiveServer;
  let proxy: TamperingProxy;
  let A: Sandbox;
  let B: Sandbox;
  let confB: string;
  let idB: string;
  let pwned: string;
  let poolId: string;

  /** Rewrites the plan of the next sync answer (in `plan` and in the operation's details). */
  const rewritePlan = (edit: (plan: Plan) => void): void => {
    proxy.tamper = (method, url, body) => {
      if (method === 'POST' && /\/endpoints\/[^/]+\/sync$/.test(url) && body?.data?.plan) {
        edit(body.data.plan);
        if (body.data.operation?.details) body.data.operation.details = { ...body.data.operation.details, ...body.data.plan };
      }
      return body;
    };
  };

  const syncRefused = async (edit: (plan: Plan) => void, named: RegExp): Promise<void> => {
    rewritePlan(edit);
    const before = await localDbHash(B);
    const r = await pacsync(['--config', confB, 'sync', '--yes']);
    expect(r.code, r.stdout + r.stderr).not.toBe(0);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1); // one line, whatever the names held
    expect(lines[0]).toMatch(/^error: refused the server's plan: /);
    expect(lines[0]).toMatch(named);
    expect(lines[0]).toContain('nothing was changed');
    expect(r.stdout).not.toMatch(/completed/);
    expect(await localDbHash(B)).toBe(before);
    expect(existsSync(pwned)).toBe(false);
    const ops = await srv.ok<{ items: { status: string; error_message: string | null }[] }>('GET', `/endpoints/${idB}/operations`);
    expect(ops.items[0]?.status).toBe('failed');
    expect(ops.items[0]?.error_message).toMatch(named);
  };

  beforeAll(async () => {
    ensureAgentBuilt();
    fleet = await buildFleet();
    srv = await startLiveServer('sqlite');
    proxy = await startTamperingProxy(srv.url);
    poolId = (await srv.ok<{ id: string }>('POST', '/pools', { name: 'lab' })).id;
    A = await fleet.machine('a', { from: 'new', install: ['curl', 'kernel'] });
    const a = await fleet.enrol(srv, A, 'machine-a', poolId);
    expect((await pacsync(['--config', a.conf, 'set-latest'])).code).toBe(0);
    B = await fleet.machine('b', { from: 'old', install: ['curl', 'kernel'] });
    const ep = await srv.ok<{ id: string; api_key: string }>('POST', '/endpoints', { name: 'machine-b', hostname: 'b.lan', pool_id: poolId });
    idB = ep.id;
    // Machine B talks to the server only through the proxy.
    confB = await fleet.agentConfig(B, { server: { url: proxy.url, key: ep.api_key, endpointId: ep.id, name: 'machine-b' } });
    pwned = path.join(B.dir, 'authorized_keys');
  });

  afterAll(async () => {
    await proxy?.close();
    await srv?.close();
    await fleet?.cleanup();
  });

  test('option-like names in reasons_to_change (the --logfile injection) are refused', async () => {
    await syncRefused((plan) => {
      plan.reasons_to_change = ['--logfile', pwned, '--arch', '\nssh-ed25519 AAAA attacker\n', 'curl'].map((name) => ({
        name,
        from_reason: null,
        to_reason: 'dependency',
      }));
    }, /reasons_to_change\[0\]\.name: package name must not start with '-' or '\.' \("--logfile"\)/);
  });

  test('option-like names in the removals are refused (not only by -R --print)', async () => {
    await syncRefused((plan) => {
      plan.packages_to_remove = [{ name: '--logfile', from_version: '1-1', to_version: null, repository: null, size: 0 }];
    }, /packages_to_remove\[0\]\.name: package name must not start with/);
  });

  test('option-like names, versions and repositories in installs, upgrades and downgrades are refused', async () => {
    await syncRefused((plan) => {
      plan.packages_to_install = [{ name: '--config', from_version: null, to_version: '1-1', repository: 'core', size: 1 }];
    }, /packages_to_install\[0\]\.name/);
    await syncRefused((plan) => {
      const up = plan.packages_to_upgrade as Plan[];
      up[0] = { ...up[0], to_version: '--dbonly' };
    }, /packages_to_upgrade\[0\]\.to_version/);
    await syncRefused((plan) => {
      const up = plan.packages_to_upgrade as Plan[];
      up[0] = { ...up[0], repository: '--hookdir=/tmp' };
    }, /packages_to_upgrade\[0\]\.repository/);
    await syncRefused((plan) => {
      plan.packages_to_downgrade = [{ name: '-dd', from_version: '2-1', to_version: '1-1', repository: 'core', size: 1 }];
    }, /packages_to_downgrade\[0\]\.name/);
  });

  test('an install of an installed package, or an "upgrade" that is a downgrade, is refused: the preview must say what pacman would do', async () => {
    await syncRefused((plan) => {
      plan.packages_to_upgrade = (plan.packages_to_upgrade as Plan[]).filter((e) => e.name !== 'glibc');
      plan.packages_to_install = [{ name: 'glibc', from_version: null, to_version: '2.30-1', repository: 'core', size: 1 }];
    }, /packages_to_install\[0\]: "glibc" is already installed \(2\.38-1\): not an install/);
    await syncRefused((plan) => {
      const up = plan.packages_to_upgrade as Plan[];
      const glibc = up.find((e) => e.name === 'glibc') as Plan;
      up.splice(up.indexOf(glibc), 1, { ...glibc, to_version: '2.30-1' });
    }, /packages_to_upgrade\[\d\]\.to_version: "2\.30-1" is not newer than the installed 2\.38-1/);
  });

  test('a removal of a package that is not installed is refused', async () => {
    await syncRefused((plan) => {
      plan.packages_to_remove = [{ name: 'openssh', from_version: '9.6-1', to_version: null, repository: 'core', size: 0 }];
    }, /packages_to_remove\[0\]\.name: "openssh" is not installed on this machine/);
  });

  test('a name with a newline and a terminal escape is refused and shown escaped, never raw', async () => {
    await syncRefused((plan) => {
      const up = plan.packages_to_upgrade as Plan[];
      up[0] = { ...up[0], name: 'curl\nsync completed\u001b[2J' };
    }, /packages_to_upgrade\[0\]\.name: package name contains U\+000A.*\("curl\\nsync completed\\e\[2J"\)/);
  });

  test.skipIf(missingTools('script'))(
    'on a terminal, a machine changed by another pacman while the question waits is read again after the yes: ' +
      'the plan shown no longer applies, nothing runs',
    async () => {
      const E = await fleet.machine('e', { from: 'old', install: ['curl'] });
      const ep = await srv.ok<{ id: string; api_key: string }>('POST', '/endpoints', { name: 'machine-e', hostname: 'e.lan', pool_id: poolId });
      const confE = await fleet.agentConfig(E, { server: { url: proxy.url, key: ep.api_key, endpointId: ep.id, name: 'machine-e' } });
      proxy.tamper = null;
      const glibc = fleet.repoNew.packages.find((p) => p.spec.name === 'glibc');
      if (!glibc) throw new Error('no glibc in the new mirror');
      let during = '';
      const r = await onTerminal(['--config', confE, 'sync'], async () => {
        // Someone upgrades glibc by hand while the preview (which upgrades it too) is on the screen.
        await pacman(E, ['-U', glibc.path]);
        during = await pacmanQ(E);
        return 'y';
      });
      expect(r.out).toMatch(/upgrade\s+glibc 2\.38-1 -> 2\.39-1/);
      expect(r.out).toMatch(/the sync plan changed since it was shown \(- upgrade glibc 2\.38-1 -> 2\.39-1/);
      expect(r.code).toBe(1);
      expect(during).toMatch(/^glibc 2\.39-1$/m);
      expect(await pacmanQ(E)).toBe(during);
    },
  );

  test.skipIf(missingTools('script'))(
    'on a terminal, the operation stored after the yes must make the changes shown: one that does not is refused; a faithful one runs',
    async () => {
      const C = await fleet.machine('c', { from: 'old', install: ['curl', 'kernel'] });
      const ep = await srv.ok<{ id: string; api_key: string }>('POST', '/endpoints', { name: 'machine-c', hostname: 'c.lan', pool_id: poolId });
      const confC = await fleet.agentConfig(C, { server: { url: proxy.url, key: ep.api_key, endpointId: ep.id, name: 'machine-c' } });
      const before = await pacmanQ(C);
      // The preview (a dry run) passes through; the operation's plan leaves out an upgrade the user saw.
      proxy.tamper = (method, url, body) => {
        if (method === 'POST' && /\/endpoints\/[^/]+\/sync$/.test(url) && body?.data?.operation) {
          const plan = body.data.plan as Plan;
          plan.packages_to_upgrade = (plan.packages_to_upgrade as Plan[]).filter((e) => e.name !== 'glibc');
          body.data.operation.details = { ...body.data.operation.details, packages_to_upgrade: plan.packages_to_upgrade };
        }
        return body;
      };
      const changed = await onTerminal(['--config', confC, 'sync'], 'y');
      expect(changed.out).toMatch(/^sync plan:$/m);
      expect(changed.out).toMatch(/upgrade\s+glibc 2\.38-1 -> 2\.39-1/);
      expect(changed.out).toMatch(
        /error: the sync plan changed since it was shown \(- upgrade glibc 2\.38-1 -> 2\.39-1[^)]*\); nothing was changed: run it again to see the new plan/,
      );
      expect(changed.code).toBe(1);
      expect(await pacmanQ(C)).toBe(before);
      const ops = await srv.ok<{ items: { status: string; error_message: string | null }[] }>('GET', `/endpoints/${ep.id}/operations`);
      expect(ops.items[0]?.status).toBe('failed');
      expect(ops.items[0]?.error_message).toMatch(/the sync plan changed since it was shown/);

      // A no stores nothing: the preview was a dry run.
      proxy.tamper = null;
      const declined = await onTerminal(['--config', confC, 'sync'], 'n');
      expect(declined.out).toContain('error: sync cancelled: nothing was changed');
      expect(declined.code).toBe(1);
      expect((await srv.ok<{ items: unknown[] }>('GET', `/endpoints/${ep.id}/operations`)).items).toHaveLength(1);

      // Passed through, it runs: the machine read before the plan, after the yes and after pacman.
      const counter = localDbReadCounter('curl');
      try {
        const yes = await onTerminal(['--config', confC, 'sync'], 'y', counter.env);
        expect(yes.out).toMatch(/sync completed/);
        expect(yes.code).toBe(0);
        expect(counter.reads()).toBe(3);
      } finally {
        counter.dispose();
      }
      expect(await pacmanQ(C)).toBe(await pacmanQ(A));
    },
  );

  test('the same proxy passing the plan through is obeyed: B ends on the target', async () => {
    proxy.tamper = null;
    const r = await pacsync(['--config', confB, 'sync', '--yes']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/sync completed/);
    expect(await pacmanQ(B)).toBe(await pacmanQ(A));
  });
});
