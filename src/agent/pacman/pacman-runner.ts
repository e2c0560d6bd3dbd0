// Running the real pacman for the executor: the agent configuration's command, always with
// `--root --dbpath --config --cachedir` (so pacman works on exactly the databases the agent reads),
// `--noconfirm` (nobody answers questions), `--noprogressbar --color never` and LC_ALL=C (output
// we can read line by line), through `sudo` when the configuration says so and we are not root.
//
// sudo runs non-interactively (`-n`) unless stdin is a terminal: a daemon must fail with sudo's
// message rather than wait for a password nobody types. sudo keeps LC_ALL by default (env_keep).
// A pacman transaction is never killed or timed out here: interrupting one is what leaves a
// database half-changed. pacman stops between two packages when it receives SIGINT, and a Ctrl-C
// on the terminal sends SIGINT to the whole foreground process group — ours, and pacman's if it
// shared it. So a transaction runs in a session of its own (no controlling terminal, no signal
// meant for us reaches it); only when sudo may have to ask for a password on the terminal does
// it stay attached, and then the terminal's signal keys are turned off until it ends (see
// `guardTerminal`). Preparation runs (-Sy, -Sw, --print) change nothing installed: they share our
// process group and may be asked to stop (SIGINT, on which pacman releases its lock and exits).
// A db.lck left by a pacman that was killed (no process holds it open: db-lock.ts) is removed,
// with a warning, before a step that takes the lock, and after our own pacman was killed.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { AgentConfig } from '../config.js';
import { removeStaleDbLock } from './db-lock.js';
import { PacmanFailure, type ExecutorStep } from './executor-errors.js';
import { problemLines } from './transaction-output.js';

export type PacmanSettings = Pick<AgentConfig['pacman'], 'command' | 'root' | 'dbpath' | 'configPath' | 'cacheDir' | 'useSudo'>;

export interface PacmanRunnerOptions {
  /** Environment for pacman (PATH, …); default process.env. LC_ALL=C is always added. */
  env?: NodeJS.ProcessEnv;
  /** Whether sudo may ask for a password (default: stdin is a terminal). */
  interactive?: boolean;
  /** Our uid (default process.getuid()): no sudo as root. */
  uid?: number;
}

export interface RunOptions {
  /** The executor step, named in a failure. */
  step: ExecutorStep;
  /** Called for every output line as it arrives. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** A step that changes the installed system: shielded from signals (see the file comment). */
  transaction?: boolean;
  /** Not for transactions: when aborted, pacman is asked to stop (SIGINT) and the run fails. */
  signal?: AbortSignal;
  /** Where the warning about a removed stale db.lck goes (default: standard error). */
  warn?: (line: string) => void;
}

/** pacman operations that take db.lck (`--print` runs with ALPM's NOLOCK; -Q never locks). */
const takesLock = (args: readonly string[]): boolean => /^-[SURD]/.test(args[0] ?? '') && !args.includes('--print');

export interface PacmanRun {
  status: number;
  stdout: string[];
  stderr: string[];
}

export class PacmanRunner {
  private readonly env: NodeJS.ProcessEnv;
  private readonly interactive: boolean;
  private readonly sudo: boolean;

  constructor(
    readonly settings: PacmanSettings,
    opts: PacmanRunnerOptions = {},
  ) {
    // COLUMNS would make pacman wrap lines.
    const { COLUMNS: _cols, ...env } = opts.env ?? process.env;
    this.env = { ...env, LC_ALL: 'C' };
    this.interactive = opts.interactive ?? process.stdin.isTTY === true;
    this.sudo = settings.useSudo && (opts.uid ?? process.getuid?.() ?? 0) !== 0;
  }

  /** The full command line for pacman `args`: [file, ...arguments]. */
  commandLine(args: readonly string[]): string[] {
    const s = this.settings;
    const pacman = [
      s.command,
      '--root',
      s.root,
      '--dbpath',
      s.dbpath,
      '--config',
      s.configPath,
      '--cachedir',
      s.cacheDir,
      '--noconfirm',
      // Only transactions (-S, -U, -R) know --noprogressbar; -D and -Q reject it.
      ...(/^-[SUR]/.test(args[0] ?? '') ? ['--noprogressbar'] : []),
      '--color',
      'never',
      ...args,
    ];
    return this.sudo ? ['sudo', ...(this.interactive ? [] : ['-n']), '--', ...pacman] : pacman;
  }

  /** Runs pacman; resolves with its output on exit status 0, rejects with a PacmanFailure otherwise. */
  run(args: readonly string[], opts: RunOptions): Promise<PacmanRun> {
    const argv = this.commandLine(args);
    const stdout: string[] = [];
    const stderr: string[] = [];
    const signal = opts.transaction ? undefined : opts.signal;
    if (signal?.aborted) {
      return Promise.reject(new PacmanFailure({ step: opts.step, command: argv, status: null, lines: ['error: stopped before pacman was started'] }));
    }
    const warn = opts.warn ?? ((line: string) => process.stderr.write(`warning: ${line}\n`));
    if (takesLock(args)) removeStaleDbLock(this.settings.dbpath, warn);
    // sudo can ask for a password only from the terminal it is attached to.
    const attached = opts.transaction === true && this.sudo && this.interactive;
    const release = attached ? guardTerminal() : () => undefined;
    return new Promise<PacmanRun>((resolve, reject) => {
      const child = spawn(argv[0] as string, argv.slice(1), {
        env: this.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        // A new session (setsid): out of reach of the terminal and of our process group.
        detached: opts.transaction === true && !attached,
      });
      const stop = (): void => {
        child.kill('SIGINT');
      };
      signal?.addEventListener('abort', stop, { once: true });
      let pending = 3; // stdout closed, stderr closed, process exited
      let status: number | null = null;
      let killedBy: NodeJS.Signals | null = null;
      let spawnError: NodeJS.ErrnoException | null = null;
      let settled = false;
      const done = (): void => {
        if (--pending > 0 || settled) return;
        settled = true;
        signal?.removeEventListener('abort', stop);
        if (spawnError !== null) {
          const what = spawnError.code === 'ENOENT' ? 'not found' : (spawnError.code ?? spawnError.message);
          reject(new PacmanFailure({ step: opts.step, command: argv, status: null, lines: [`error: cannot run ${argv[0]}: ${what}`] }));
        } else if (status === 0) {
          resolve({ status, stdout, stderr });
        } else {
          const lines = problemLines(stdout, stderr);
          if (killedBy !== null) {
            lines.push(
              `error: ${path.basename(argv[0] as string)} was killed by ${killedBy}` +
                (opts.transaction ? ' in the middle of the transaction: packages it had not finished are as the state reached shows' : ''),
            );
            // A killed pacman cannot remove its lock; no later pacman would run until it is gone.
            if (takesLock(args) && removeStaleDbLock(this.settings.dbpath, () => undefined).state === 'stale')
              lines.push(`its lock ${path.join(this.settings.dbpath, 'db.lck')} was removed (no process held it)`);
          }
          reject(new PacmanFailure({ step: opts.step, command: argv, status, lines }));
        }
      };
      const read = (stream: NodeJS.ReadableStream, into: string[], name: 'stdout' | 'stderr'): void => {
        const rl = createInterface({ input: stream, crlfDelay: Infinity });
        rl.on('line', (line) => {
          into.push(line);
          opts.onLine?.(line, name);
        });
        rl.on('close', done);
      };
      read(child.stdout, stdout, 'stdout');
      read(child.stderr, stderr, 'stderr');
      child.on('error', (err: NodeJS.ErrnoException) => {
        spawnError = err;
        // 'close' may not follow a failed spawn.
        if (child.pid === undefined) {
          pending = 1;
          done();
        }
      });
      child.on('close', (code, sig) => {
        status = code;
        killedBy = sig;
        done();
      });
    }).finally(release);
  }
}

/**
 * Turns off the terminal's signal keys (Ctrl-C, Ctrl-Z and the quit key: `stty -isig`) on our
 * standard input while an attached pacman runs, so that no keypress interrupts it; returns the
 * function restoring the settings (also run if we exit first). Does nothing when stdin is not a
 * terminal or stty is missing.
 */
function guardTerminal(): () => void {
  if (process.stdin.isTTY !== true) return () => undefined;
  const stty = (args: string[]): string | null => {
    const r = spawnSync('stty', args, { stdio: ['inherit', 'pipe', 'ignore'], encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  const saved = stty(['-g']);
  if (saved === null || stty(['-isig']) === null) return () => undefined;
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    process.off('exit', restore);
    stty([saved]);
  };
  process.on('exit', restore);
  return restore;
}
