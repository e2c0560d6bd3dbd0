import type { AgentConfig } from '../config.js';
import { type ExecutorStep } from './executor-errors.js';
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
}
export interface PacmanRun {
    status: number;
    stdout: string[];
    stderr: string[];
}
export declare class PacmanRunner {
    readonly settings: PacmanSettings;
    private readonly env;
    private readonly interactive;
    private readonly sudo;
    constructor(settings: PacmanSettings, opts?: PacmanRunnerOptions);
    /** The full command line for pacman `args`: [file, ...arguments]. */
    commandLine(args: readonly string[]): string[];
    /** Runs pacman; resolves with its output on exit status 0, rejects with a PacmanFailure otherwise. */
    run(args: readonly string[], opts: RunOptions): Promise<PacmanRun>;
}
