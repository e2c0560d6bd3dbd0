// The systemd units the packages install, checked by systemd itself: `systemd-analyze verify`
// (syntax, every directive known, the ExecStart program executable) and `systemd-analyze
// security --offline` (how exposed the service is). ExecStart names /usr/bin/…, which exists only
// on a machine with the package installed: the copies checked here start this checkout's built
// programs instead, everything else as shipped.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, ensureAgentBuilt } from '../support/agent-cli.js';
import { missingTools } from '../support/tools.js';

const exec = promisify(execFile);
const skip = missingTools('systemd-analyze');

const UNITS = {
  'pacsync.service': ['/usr/bin/pacsync', 'dist/src/agent/pacsync.cjs'],
  'pacsync-server.service': ['/usr/bin/pacsync-server', 'dist/src/server/cli.js'],
} as const;

async function analyze(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec('systemd-analyze', args, { env: { ...process.env, LC_ALL: 'C', SYSTEMD_COLORS: '0' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe.skipIf(skip)('systemd units (packaging/systemd)', () => {
  let dir: string;
  const copy = (unit: keyof typeof UNITS): string => path.join(dir, unit);

  beforeAll(async () => {
    ensureAgentBuilt();
    dir = await mkdtemp(path.join(tmpdir(), 'pacsync-units-'));
    for (const [unit, [installed, built]] of Object.entries(UNITS)) {
      const text = await readFile(path.join(ROOT, 'packaging/systemd', unit), 'utf8');
      expect(text).toContain(`ExecStart=${installed} `);
      await writeFile(path.join(dir, unit), text.replace(`ExecStart=${installed} `, `ExecStart=${path.join(ROOT, built)} `));
    }
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('systemd-analyze verify accepts both units without a single warning', async () => {
    const r = await analyze(['verify', copy('pacsync.service'), copy('pacsync-server.service')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  test('the server unit is rated OK or better by systemd-analyze security; the agent (root, runs pacman) is not sandboxed', async () => {
    const level = async (unit: keyof typeof UNITS): Promise<number> => {
      const r = await analyze(['security', '--offline=yes', copy(unit)]);
      const m = /Overall exposure level for \S+: ([\d.]+) (\w+)/.exec(r.stdout);
      expect(m, r.stdout + r.stderr).not.toBeNull();
      return Number(m?.[1]);
    };
    // systemd's scale: below 2 is "OK" (below 1 "SAFE"), 9 and above "UNSAFE".
    expect(await level('pacsync-server.service')).toBeLessThan(2);
    // The agent's unit must not carry ProtectSystem & co. (pacman writes /usr): its exposure says so.
    expect(await level('pacsync.service')).toBeGreaterThan(5);
  });
});
