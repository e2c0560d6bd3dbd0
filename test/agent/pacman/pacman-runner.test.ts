// How pacman is started: the configured command with the sandbox/installation paths, always
// --noconfirm, through sudo only when configured and not root, LC_ALL=C; and what a command that
// cannot start or fails looks like.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PacmanFailure } from '../../../src/agent/pacman/executor-errors.js';
import { PacmanRunner, type PacmanSettings } from '../../../src/agent/pacman/pacman-runner.js';

const settings = (over: Partial<PacmanSettings> = {}): PacmanSettings => ({
  command: 'pacman',
  root: '/srv/root',
  dbpath: '/srv/root/var/lib/pacman',
  configPath: '/srv/pacman.conf',
  cacheDir: '/srv/cache',
  useSudo: true,
  ...over,
});

test('command line: paths and --noconfirm always; sudo -n when configured and not root, none as root', () => {
  const base = [
    '--root',
    '/srv/root',
    '--dbpath',
    '/srv/root/var/lib/pacman',
    '--config',
    '/srv/pacman.conf',
    '--cachedir',
    '/srv/cache',
    '--noconfirm',
  ];
  const user = new PacmanRunner(settings(), { uid: 1000, interactive: false });
  expect(user.commandLine(['-U', 'a.pkg.tar.zst'])).toEqual([
    'sudo',
    '-n',
    '--',
    'pacman',
    ...base,
    '--noprogressbar',
    '--color',
    'never',
    '-U',
    'a.pkg.tar.zst',
  ]);
  // On a terminal sudo may ask for the password.
  expect(new PacmanRunner(settings(), { uid: 1000, interactive: true }).commandLine(['-Sy'])[1]).toBe('--');
  // -D and -Q do not take --noprogressbar.
  expect(new PacmanRunner(settings(), { uid: 0 }).commandLine(['-D', '--asdeps', 'x'])).toEqual([
    'pacman',
    ...base,
    '--color',
    'never',
    '-D',
    '--asdeps',
    'x',
  ]);
  expect(new PacmanRunner(settings({ useSudo: false }), { uid: 1000 }).commandLine(['-R', 'x'])[0]).toBe('pacman');
});

describe('running', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pacsync-runner-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const script = async (name: string, body: string): Promise<string> => {
    const file = path.join(dir, name);
    await writeFile(file, `#!/bin/sh\n${body}\n`);
    await chmod(file, 0o755);
    return file;
  };

  test('through sudo: the sudo on PATH runs pacman with LC_ALL=C; lines are streamed as they come', async () => {
    const log = path.join(dir, 'sudo.log');
    await script('sudo', `printf '%s ' "$@" > '${log}'\nshift 2\nexec "$@"`);
    const fake = await script('fake-pacman', 'echo "LC_ALL=$LC_ALL"\necho "installing foo..."\necho "warning: something" >&2');
    const runner = new PacmanRunner(settings({ command: fake }), {
      uid: 1000,
      interactive: false,
      env: { PATH: `${dir}:/usr/bin:/bin`, LC_ALL: 'de_DE.UTF-8' },
    });
    const seen: string[] = [];
    const run = await runner.run(['-U', 'x'], { step: 'transaction', onLine: (l, s) => seen.push(`${s}: ${l}`) });
    expect(run.stdout).toEqual(['LC_ALL=C', 'installing foo...']);
    expect(seen).toEqual(expect.arrayContaining(['stdout: LC_ALL=C', 'stdout: installing foo...', 'stderr: warning: something']));
    expect((await readFile(log, 'utf8')).trim()).toBe(
      `-n -- ${fake} --root /srv/root --dbpath /srv/root/var/lib/pacman --config ` +
        `/srv/pacman.conf --cachedir /srv/cache --noconfirm --noprogressbar --color never -U x`,
    );
  });

  /** Session id (field 6 of /proc/<pid>/stat) of this test process. */
  const ourSession = async (): Promise<string> => ((await readFile('/proc/self/stat', 'utf8')).split(') ')[1] ?? '').split(' ')[3] ?? '';
  /** A fake pacman printing its pid and session id. */
  const sessionReporter = (name: string): Promise<string> => script(name, 'set -- $(cut -d")" -f2 /proc/$$/stat)\necho "pid $$ session $4"');
  const sessionOf = (run: { stdout: string[] }): { pid: string; session: string } => {
    const m = /^pid (\d+) session (\d+)$/.exec(run.stdout[0] ?? '');
    return { pid: m?.[1] ?? '', session: m?.[2] ?? '' };
  };

  test(
    'a transaction runs in a session of its own (no Ctrl-C of our terminal ' + 'reaches it), directly or through sudo; preparation runs share ours',
    async () => {
      const fake = await sessionReporter('session-pacman');
      const direct = new PacmanRunner(settings({ command: fake, useSudo: false }));
      const tx = sessionOf(await direct.run(['-U', 'x'], { step: 'transaction', transaction: true }));
      expect(tx.pid).not.toBe('');
      expect(tx.session).toBe(tx.pid); // a session leader: setsid()
      const prep = sessionOf(await direct.run(['-U', '--print', 'x'], { step: 'confirm' }));
      expect(prep.session).toBe(await ourSession());

      // Through a (non-interactive) sudo: sudo and pacman under it are out of our session too.
      await script('sudo', 'shift 2\nexec "$@"');
      const viaSudo = new PacmanRunner(settings({ command: fake }), { uid: 1000, interactive: false, env: { PATH: `${dir}:/usr/bin:/bin` } });
      const txs = sessionOf(await viaSudo.run(['-U', 'x'], { step: 'transaction', transaction: true }));
      expect(txs.session).not.toBe(await ourSession());
      expect(txs.session).not.toBe('');
    },
  );

  test('a preparation run is asked to stop (SIGINT) when its signal aborts; a transaction run ignores the signal and finishes', async () => {
    const started = path.join(dir, 'started');
    const slow = await script(
      'slow-pacman',
      `trap 'echo "error: interrupted by SIGINT" >&2; exit 130' INT\n: > ` +
        `'${started}'\ni=0\nwhile [ $i -lt 30 ]; do sleep 0.05; i=$((i+1)); done\necho finished`,
    );
    const runner = new PacmanRunner(settings({ command: slow, useSudo: false }));
    const waitStarted = async (): Promise<void> => {
      while (
        !(await readFile(started).then(
          () => true,
          () => false,
        ))
      )
        await new Promise((r) => setTimeout(r, 10));
      await rm(started);
    };

    const stop = new AbortController();
    const prep = runner.run(['-Sw', 'core/x'], { step: 'download', signal: stop.signal }).catch((e: unknown) => e);
    await waitStarted();
    stop.abort();
    const err = await prep;
    expect(err).toBeInstanceOf(PacmanFailure);
    expect(err).toMatchObject({ step: 'download', status: 130, message: 'error: interrupted by SIGINT' });
    // Already stopped: not even started.
    await expect(runner.run(['-Sy'], { step: 'refresh', signal: stop.signal })).rejects.toThrow('stopped before pacman was started');

    const tx = runner.run(['-U', 'x'], { step: 'transaction', transaction: true, signal: stop.signal });
    await waitStarted();
    expect((await tx).stdout).toEqual(['finished']);
  });

  test('a command that cannot start, and one that fails, are PacmanFailures with one-line messages', async () => {
    const missing = new PacmanRunner(settings({ command: path.join(dir, 'no-such-pacman'), useSudo: false }));
    const e1 = await missing.run(['-Sy'], { step: 'refresh' }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(PacmanFailure);
    expect(e1).toMatchObject({
      step: 'refresh',
      status: null,
      exitCode: 6,
      message: `error: cannot run ${path.join(dir, 'no-such-pacman')}: not found`,
    });

    const silent = await script('silent-pacman', 'exit 3');
    const e2 = await new PacmanRunner(settings({ command: silent, useSudo: false })).run(['-Sy'], { step: 'refresh' }).catch((e: unknown) => e);
    expect(e2).toMatchObject({ status: 3, message: 'pacman exited with status 3 without a message' });
  });
});
