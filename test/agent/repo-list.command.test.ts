// `pacsync repo-list` prints what `pacman -Sl` prints for the same sync databases — read by the
// agent itself (zstd, gzip, xz or plain tar, as repo-add wrote them) — and refuses damaged ones
// with one line naming the file.
import { copyFile, mkdtemp, readFile, rm, writeFile, mkdir, symlink } from 'node:fs/promises';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AGENT_CLI, ensureAgentBuilt, pacsync } from '../support/agent-cli.js';
import { generatePackages, writeSyncDb } from '../support/pacman-fixtures.js';
import {
  buildPackage,
  createSandbox,
  installFiles,
  makeSandbox,
  pacman,
  pacmanSl,
  sandboxSkipReason,
  type DbCompression,
  type Sandbox,
} from '../support/pacman-sandbox.js';
import { coreRepo, extraRepo, LONG_NAME } from '../support/pacman-scenarios.js';
import { missingTools } from '../support/tools.js';

const exec = promisify(execFile);

describe.skipIf(sandboxSkipReason({ needRoot: true }))('pacsync repo-list against pacman -Sl', () => {
  let sb: Sandbox;

  beforeAll(async () => {
    ensureAgentBuilt();
    sb = await makeSandbox({
      repos: { core: coreRepo(), extra: extraRepo() },
      install: ['epochal', 'git-snapshot', LONG_NAME],
    });
    const old = await buildPackage({ name: 'upgradable', version: '1.0-1' }, sb.dir);
    await installFiles(sb, [old.path]);
  }, 120_000);

  afterAll(async () => {
    await sb?.cleanup();
  });

  test('every repository, in pacman.conf order, with [installed] and [installed: x] markers', async () => {
    const [ours, theirs] = await Promise.all([pacsync(['repo-list'], sb.env), pacmanSl(sb)]);
    expect(theirs).toContain(' [installed: 1.0-1]');
    expect(theirs).toContain(`extra ${LONG_NAME} 1.0-1 [installed]`);
    expect(ours.stdout).toBe(theirs);
    expect([ours.code, ours.stderr]).toEqual([0, '']);
  });

  test.each([[['extra']], [['extra', 'core']], [['core', 'core']]])('named repositories %j, in the order given', async (repos) => {
    const [ours, theirs] = await Promise.all([pacsync(['repo-list', ...repos], sb.env), pacmanSl(sb, ...repos)]);
    expect(ours.stdout).toBe(theirs);
    expect(ours.code).toBe(0);
  });

  test('every spelling of the arguments gives the same result (the start-up fast path and the full parser agree)', async () => {
    // `repo-list REPO…` runs without commander (see pacsync.cts); `--` or `--config` go through it.
    const theirs = await pacmanSl(sb, 'extra', 'core');
    const conf = path.join(sb.dir, 'empty-client.conf');
    await writeFile(conf, '');
    for (const args of [
      ['repo-list', 'extra', 'core'],
      ['repo-list', '--', 'extra', 'core'],
      ['--config', conf, 'repo-list', 'extra', 'core'],
    ]) {
      const ours = await pacsync(args, sb.env);
      expect({ args, stdout: ours.stdout, stderr: ours.stderr, code: ours.code }).toEqual({ args, stdout: theirs, stderr: '', code: 0 });
    }
  });

  test("an unknown repository: pacman's message, exit 1, the others still listed", async () => {
    const [ours, theirs] = await Promise.all([
      pacsync(['repo-list', 'core', 'nope'], sb.env),
      pacman(sb, ['-Sl', 'core', 'nope'], { allowFailure: true }),
    ]);
    expect(theirs.code).toBe(1);
    expect(ours).toEqual({ stdout: theirs.stdout, stderr: theirs.stderr, code: 1 });
  });
});

describe.skipIf(sandboxSkipReason({ needRoot: true }) ?? sandboxSkipReason())('pacsync repo-list reads every database compression', () => {
  const sandboxes: Sandbox[] = [];
  beforeAll(() => ensureAgentBuilt(), 120_000);
  afterAll(async () => {
    for (const s of sandboxes) await s.cleanup();
  });

  test.each<DbCompression>(['gz', 'xz', 'none'])(
    '%s',
    async (compression) => {
      const sb = await makeSandbox({ compression, repos: { extra: extraRepo().slice(0, 4), core: coreRepo().slice(0, 3) }, install: ['glibc'] });
      sandboxes.push(sb);
      const [ours, theirs] = await Promise.all([pacsync(['repo-list'], sb.env), pacmanSl(sb)]);
      expect(theirs.split('\n').length).toBeGreaterThan(6);
      expect(ours.stdout).toBe(theirs);
      expect(ours.code).toBe(0);
    },
    60_000,
  );
});

describe.skipIf(sandboxSkipReason())('pacsync repo-list on missing and damaged databases', () => {
  let dir: string;
  let sb: Sandbox;
  let good: Buffer; // a zstd sync db holding a few packages, written by repo-add

  beforeAll(async () => {
    ensureAgentBuilt();
    dir = await mkdtemp(path.join(tmpdir(), 'pacsync-repolist-'));
    const repoDir = path.join(dir, 'repo');
    await mkdir(repoDir);
    const pkgs = await Promise.all(
      coreRepo()
        .slice(0, 4)
        .map((s) => buildPackage(s, repoDir)),
    );
    await exec('repo-add', ['-q', path.join(repoDir, 'core.db.tar.zst'), ...pkgs.map((p) => p.path)]);
    good = await readFile(path.join(repoDir, 'core.db.tar.zst'));
    sb = await createSandbox({
      dir: path.join(dir, 'sb'),
      repos: [
        { name: 'core', dir: repoDir, dbFile: '', server: `file://${repoDir}`, packages: [] },
        { name: 'never', dir: repoDir, dbFile: '', server: `file://${repoDir}/never`, packages: [] },
      ],
    });
    await mkdir(path.join(sb.dbpath, 'sync'), { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const dbFile = (): string => path.join(sb.dbpath, 'sync', 'core.db');

  test("a repository never synced: pacman's warning, the others listed, exit 0", async () => {
    await writeFile(dbFile(), good);
    const [ours, theirs] = await Promise.all([pacsync(['repo-list'], sb.env), pacman(sb, ['-Sl'], { allowFailure: true })]);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.code).toBe(0);
    expect(ours.stderr).toBe("warning: database file for 'never' does not exist (use '-Sy' to download)\n");
  });

  const damaged: Array<[string, () => Promise<Buffer>, RegExp]> = [
    ['cut in half', async () => good.subarray(0, Math.floor(good.length / 2)), /corrupt or truncated zstd data/],
    ['garbage bytes', async () => Buffer.from('this is not a database at all\n'.repeat(40)), /not a pacman database/],
    ['an empty file', async () => Buffer.alloc(0), /empty file/],
    [
      'a tar cut at an entry boundary (no end-of-archive marker)',
      async () => {
        const { stdout } = await exec('zstd', ['-dc', path.join(dir, 'repo', 'core.db.tar.zst')], { encoding: 'buffer', maxBuffer: 1 << 26 });
        return stdout.subarray(0, 1024); // first entry's directory header + desc header: cut mid-entry
      },
      /truncated archive/,
    ],
    [
      'a desc without %VERSION%',
      async () => {
        const stage = path.join(dir, 'stage');
        await rm(stage, { recursive: true, force: true });
        await mkdir(path.join(stage, 'foo-1.0-1'), { recursive: true });
        await writeFile(path.join(stage, 'foo-1.0-1', 'desc'), '%FILENAME%\nfoo-1.0-1-x86_64.pkg.tar.zst\n\n%NAME%\nfoo\n\n%ARCH%\nx86_64\n\n');
        await exec('bsdtar', ['-cf', path.join(dir, 'bad.db.tar.zst'), '--zstd', '-C', stage, 'foo-1.0-1']);
        return readFile(path.join(dir, 'bad.db.tar.zst'));
      },
      /core\.db:foo-1\.0-1\/desc: missing %VERSION%/,
    ],
  ];

  test.each(damaged)('%s: one error line naming the file, exit 1', async (_what, make, message) => {
    await writeFile(dbFile(), await make());
    const ours = await pacsync(['repo-list', 'core'], sb.env);
    expect(ours.code).toBe(1);
    expect(ours.stdout).toBe('');
    expect(ours.stderr.split('\n')).toHaveLength(2); // one line
    expect(ours.stderr).toContain(`error: ${dbFile()}`);
    expect(ours.stderr).toMatch(message);
  });

  test('the database is found through the <repo>.db symlink repo-add makes, whatever its extension', async () => {
    await rm(dbFile(), { force: true });
    await copyFile(path.join(dir, 'repo', 'core.db.tar.zst'), path.join(sb.dbpath, 'sync', 'core.db.tar.zst'));
    await symlink('core.db.tar.zst', dbFile());
    const [ours, theirs] = await Promise.all([pacsync(['repo-list', 'core'], sb.env), pacmanSl(sb, 'core')]);
    expect(theirs.split('\n').length).toBe(5);
    expect(ours.stdout).toBe(theirs);
  });

  // Someone else's non-blocking pipe (Node's own spawn makes a child's stdio blocking, so Python
  // hands it over): writes then fail with EAGAIN once the pipe is full, and the rest must still
  // arrive, in order, before the command exits.
  test.skipIf(missingTools('python3'))('a non-blocking stdout with a slow reader still gets every line, exit 0', async () => {
    await rm(dbFile(), { force: true });
    await writeSyncDb(dbFile(), generatePackages(10_000)); // ~400 KB of output, far more than a pipe holds
    const expected = await pacmanSl(sb, 'core');
    const script = [
      'import fcntl, os, subprocess, sys, time',
      'r, w = os.pipe()',
      'fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)',
      'child = subprocess.Popen(sys.argv[1:], stdout=w)',
      'os.close(w)',
      'time.sleep(0.5)  # the pipe fills up: the next write fails with EAGAIN',
      'out = bytearray()',
      'while chunk := os.read(r, 65536): out += chunk',
      'sys.stdout.buffer.write(out)',
      'sys.exit(child.wait())',
    ].join('\n');
    const got = await exec('python3', ['-c', script, process.execPath, AGENT_CLI, 'repo-list', 'core'], {
      env: { ...process.env, ...sb.env, HOME: '/nonexistent' },
      maxBuffer: 1 << 26,
    });
    expect(expected.split('\n').length).toBeGreaterThan(10_000);
    expect(got.stdout).toBe(expected);
    expect(got.stderr).toBe('');
  });

  test('a reader that stops early (| head) ends it quietly: no stack trace, exit 0', async () => {
    await rm(dbFile(), { force: true });
    await writeSyncDb(dbFile(), generatePackages(10_000)); // far more output than a pipe holds
    const child = spawn(process.execPath, [AGENT_CLI, 'repo-list', 'core'], { env: { ...process.env, ...sb.env, HOME: '/nonexistent' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(first).toMatch(/^core \S+ \S+\n/);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
