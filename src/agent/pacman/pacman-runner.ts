// Running the real pacman for the executor: the agent configuration's command, always with
// `--root --dbpath --config --cachedir` (so pacman works on exactly the databases the agent reads),
// `--noconfirm` (nobody answers questions), `--noprogressbar --color never` and LC_ALL=C (output
// we can read line by line), through `sudo` when the configuration says so and we are not root.
//
// sudo runs non-interactively (`-n`) unless stdin is a terminal: a daemon must fail with sudo's
// message rather than wait for a password nobody types. sudo keeps LC_ALL by default (env_keep).
// A pacman process is never killed or timed out here: interrupting a transaction is what leaves
// a database half-changed.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { AgentConfig } from '../config.js';
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
}

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
      '--root', s.root,
      '--dbpath', s.dbpath,
      '--config', s.configPath,
      '--cachedir', s.cacheDir,
      '--noconfirm',
      // Only transactions (-S, -U, -R) know --noprogressbar; -D and -Q reject it.
      ...(/^-[SUR]/.test(args[0] ?? '') ? ['--noprogressbar'] : []),
      '--color', 'never',
      ...args,
    ];
    return this.sudo ? ['sudo', ...(this.interactive ? [] : ['-n']), '--', ...pacman] : pacman;
  }

  /** Runs pacman; resolves with its output on exit status 0, rejects with a PacmanFailure otherwise. */
  run(args: readonly string[], opts: RunOptions): Promise<PacmanRun> {
    const argv = this.commandLine(args);
    const stdout: string[] = [];
    const stderr: string[] = [];
    return new Promise((resolve, reject) => {
      const child = spawn(argv[0] as string, argv.slice(1), { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let pending = 3; // stdout closed, stderr closed, process exited
      let status: number | null = null;
      let spawnError: NodeJS.ErrnoException | null = null;
      let settled = false;
      const done = (): void => {
        if (--pending > 0 || settled) return;
        settled = true;
        if (spawnError !== null) {
          const what = spawnError.code === 'ENOENT' ? 'not found' : spawnError.code ?? spawnError.message;
          reject(new PacmanFailure({ step: opts.step, command: argv, status: null, lines: [`error: cannot run ${argv[0]}: ${what}`] }));
        } else if (status === 0) {
          resolve({ status, stdout, stderr });
        } else {
          reject(new PacmanFailure({ step: opts.step, command: argv, status, lines: problemLines(stdout, stderr) }));
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
      child.on('close', (code) => {
        status = code;
        done();
      });
    });
  }
}
