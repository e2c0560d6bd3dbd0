// `pacsync query` prints what `pacman -Q` / `pacman -Qi` print for the same database: the built
// CLI and the real pacman run side by side on a sandbox whose packages were installed by pacman.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AGENT_CLI, ensureAgentBuilt, pacsync } from '../support/agent-cli.js';
import { CONFIG_KEYS } from '../../src/agent/config.js';
import { missingTools } from '../support/tools.js';
import { buildPackage, installFiles, installPackages, makeSandbox, pacman, sandboxSkipReason, type Sandbox } from '../support/pacman-sandbox.js';
import { coreRepo, extraRepo, LONG_NAME } from '../support/pacman-scenarios.js';

const exec = promisify(execFile);

describe.skipIf(sandboxSkipReason({ needRoot: true }))('pacsync query against pacman -Q/-Qi', () => {
  let sb: Sandbox;
  let env: Record<string, string>;

  beforeAll(async () => {
    ensureAgentBuilt();
    sb = await makeSandbox({
      repos: { core: coreRepo(), extra: extraRepo() },
      install: ['epochal', 'manydeps', 'git-snapshot', 'arch-suffix', LONG_NAME],
    });
    await installPackages(sb, ['scripted'], { noscriptlet: true });
    // An older version from a file: "Validated By: None" and, in repo-list, [installed: 1.0-1].
    const old = await buildPackage({ name: 'upgradable', version: '1.0-1', depends: ['sh'] }, sb.dir);
    await installFiles(sb, [old.path], { asdeps: true });
    // `-Q 'zz-named>=1'`: pacman takes the first satisfier in name order (here the provider
    // aa-provider), not the package of that name.
    const named = await buildPackage({ name: 'zz-named', version: '1.5-1' }, sb.dir);
    const provider = await buildPackage({ name: 'aa-provider', version: '1.0-1', provides: ['zz-named=2'] }, sb.dir);
    await installFiles(sb, [named.path, provider.path]);
    env = { ...sb.env };
  }, 120_000);

  afterAll(async () => {
    await sb?.cleanup();
  });

  const both = async (args: string[], extraEnv: Record<string, string> = {}) => {
    const [ours, theirs] = await Promise.all([
      pacsync(['query', ...args.map((a) => (a === '-i' ? '--info' : a))], { ...env, ...extraEnv }),
      pacman(sb, ['-Q', ...args], { allowFailure: true, env: extraEnv }),
    ]);
    return { ours, theirs };
  };

  test('query lists every installed package like pacman -Q', async () => {
    const { ours, theirs } = await both([]);
    expect(theirs.stdout.split('\n').length).toBeGreaterThan(12);
    expect(ours.stdout).toBe(theirs.stdout);
    expect([ours.code, ours.stderr]).toEqual([0, '']);
  });

  test("query --info prints pacman -Qi's blocks byte for byte (sizes, dates, required-by, [installed], scriptlet, validation)", async () => {
    const { ours, theirs } = await both(['-i']);
    expect(theirs.stdout).toContain('Install Script  : Yes');
    expect(theirs.stdout).toContain('2.12 KiB'); // a rounding tie, printed as glibc does
    expect(theirs.stdout).toContain('[installed]');
    expect(ours.stdout).toBe(theirs.stdout);
    expect([ours.code, ours.stderr]).toEqual([0, '']);
  });

  test.each(['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'])('dates follow TZ=%s like pacman', async (tz) => {
    const { ours, theirs } = await both(['-i', 'arch-suffix', 'glibc'], { TZ: tz });
    expect(ours.stdout).toBe(theirs.stdout);
  });

  test.each(['40', '60', '80', '132'])("with COLUMNS=%s long lists and texts wrap like pacman's", async (cols) => {
    const { ours, theirs } = await both(['-i', 'epochal', 'manydeps', 'glibc', 'dep00', 'bash'], { COLUMNS: cols });
    expect(theirs.stdout).toMatch(/\n {18}\S/); // pacman did wrap something
    expect(ours.stdout).toBe(theirs.stdout);
  });

  // On a terminal (util-linux's `script` gives both a pseudo-terminal 50 columns wide) the width
  // comes from the terminal itself. pacman also hides the cursor there (ESC[?25l … ESC[?25h),
  // which nobody sees: those two codes are left out of the comparison.
  test.skipIf(missingTools('script'))("on a terminal, output wraps at the terminal's width like pacman's", async () => {
    const q = (args: string[]): string => args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    const onTerminal = async (command: string[], extraEnv: Record<string, string>): Promise<string> => {
      const { COLUMNS: _ignored, ...inherited } = process.env;
      const { stdout } = await exec('script', ['-qec', `stty cols 50; ${q(command)}`, '/dev/null'], {
        env: { ...inherited, LC_ALL: 'C', HOME: '/nonexistent', ...extraEnv },
      });
      return stdout.replaceAll('\x1b[?25l', '').replaceAll('\x1b[?25h', '').replace(/\r\n$/, '');
    };
    const names = ['epochal', 'manydeps', 'glibc'];
    const [ours, theirs] = await Promise.all([
      onTerminal([process.execPath, AGENT_CLI, 'query', '--info', ...names], env),
      onTerminal(['pacman', ...sb.pacmanArgs, '-Qi', ...names], {}),
    ]);
    expect(theirs).toMatch(/\r\n {18}\S/); // pacman did wrap something
    expect(ours.replace(/\r\n$/, '')).toBe(theirs.replace(/\r\n$/, ''));
  });

  test("names: plain, provision, versioned dependency, local/ prefix — and an unknown one exits 1 with pacman's message", async () => {
    const args = ['bash', 'sh', 'glibc>=2.0', 'local/ncurses', 'nope', 'libncursesw.so', 'epoch-provider>3', 'zz-named>=1', 'zz-named'];
    const { ours, theirs } = await both(args);
    expect(theirs.code).toBe(1);
    expect(theirs.stdout).toContain('aa-provider 1.0-1\nzz-named 1.5-1\n');
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.code).toBe(1);
    expect(ours.stderr).toBe("error: package 'nope' was not found\nerror: package 'epoch-provider>3' was not found\n");
    expect(theirs.stderr).toBe(ours.stderr);
  });

  test('query --info with names matches pacman -Qi with the same names', async () => {
    const { ours, theirs } = await both(['-i', 'upgradable', 'sh', 'nope', 'scripted']);
    expect(ours.stdout).toBe(theirs.stdout);
    expect([ours.code, theirs.code]).toEqual([1, 1]);
    expect(ours.stderr).toBe("error: package 'nope' was not found\n");
  });

  test('every spelling of the arguments gives the same result (the start-up fast path and the full parser agree)', async () => {
    // `query -i NAME…` runs without commander (see cli.ts); `--`, `--config` or an option after
    // the names go through commander. All must print what pacman -Qi prints.
    const theirs = await pacman(sb, ['-Qi', 'upgradable', 'nope', 'sh'], { allowFailure: true });
    const conf = path.join(sb.dir, 'empty-client.conf');
    await writeFile(conf, '');
    for (const args of [
      ['query', '-i', 'upgradable', 'nope', 'sh'],
      ['query', 'upgradable', 'nope', '--info', 'sh'],
      ['query', '-i', '--', 'upgradable', 'nope', 'sh'],
      ['--config', conf, 'query', '-i', 'upgradable', 'nope', 'sh'],
    ]) {
      const ours = await pacsync(args, env);
      expect({ args, stdout: ours.stdout, stderr: ours.stderr, code: ours.code }).toEqual({
        args,
        stdout: theirs.stdout,
        stderr: "error: package 'nope' was not found\n",
        code: 1,
      });
    }
  });
});

describe.skipIf(sandboxSkipReason())('pacsync query on empty, missing and damaged databases', () => {
  let dir: string;
  beforeAll(async () => {
    ensureAgentBuilt();
    dir = await mkdtemp(path.join(tmpdir(), 'pacsync-query-'));
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('an empty database prints nothing and exits 1, as pacman -Q does', async () => {
    const dbpath = path.join(dir, 'empty');
    await mkdir(path.join(dbpath, 'local'), { recursive: true });
    const ours = await pacsync(['query'], { PACSYNC_PACMAN_DBPATH: dbpath });
    expect(ours).toEqual({ stdout: '', stderr: '', code: 1 });
  });

  test('a missing dbpath: one error line naming it, exit 1', async () => {
    const dbpath = path.join(dir, 'nowhere');
    const ours = await pacsync(['query'], { PACSYNC_PACMAN_DBPATH: dbpath });
    expect(ours.code).toBe(1);
    expect(ours.stdout).toBe('');
    expect(ours.stderr).toMatch(new RegExp(`^error: ${dbpath}: .+\\n$`));
  });

  test('--info on a desc without %VERSION%: one line naming the file, exit 1, nothing half-printed', async () => {
    const dbpath = path.join(dir, 'damaged');
    const entry = path.join(dbpath, 'local', 'foo-1.0-1');
    await mkdir(entry, { recursive: true });
    await mkdir(path.join(dbpath, 'local', 'bar-1.0-1'), { recursive: true });
    await writeFile(path.join(dbpath, 'local', 'bar-1.0-1', 'desc'), '%NAME%\nbar\n\n%VERSION%\n1.0-1\n\n');
    await writeFile(path.join(entry, 'desc'), '%NAME%\nfoo\n\n%DESC%\nno version here\n\n');
    const ours = await pacsync(['query', '--info'], { PACSYNC_PACMAN_DBPATH: dbpath });
    expect(ours.code).toBe(1);
    expect(ours.stdout).toBe('');
    expect(ours.stderr).toBe(`error: ${path.join(entry, 'desc')}: missing %VERSION%\n`);
  });

  test('a bad agent configuration: one line naming the key, exit 2', async () => {
    const ours = await pacsync(['query'], { PACSYNC_PACMAN_DBPATH: 'relative/path' });
    expect(ours).toEqual({ stdout: '', stderr: "error: PACSYNC_PACMAN_DBPATH: 'relative/path' is not an absolute path\n", code: 2 });
    const conf = path.join(dir, 'client.conf');
    await writeFile(conf, '[pacman]\ndb_path = /var/lib/pacman\n');
    const typo = await pacsync(['--config', conf, 'query']);
    expect(typo).toEqual({
      stdout: '',
      stderr:
        `error: ${conf}:2: unknown key [pacman] db_path (did you mean dbpath?; the ` +
        `keys of [pacman] are ${Object.keys(CONFIG_KEYS.pacman).join(', ')})\n`,
      code: 2,
    });
    expect((await readFile(conf, 'utf8')).length).toBeGreaterThan(0);
  });
});
