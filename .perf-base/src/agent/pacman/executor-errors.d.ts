import { CliError } from '../errors.js';
/** The executor's steps, in the order they run. */
export type ExecutorStep = 'refresh' | 'resolve' | 'download' | 'confirm' | 'transaction' | 'reasons' | 'remove';
/** A snapshot pair snap-pac's hooks created (snapper config, pre and post numbers). */
export interface SnapperSnapshot {
    config: string;
    pre: number | null;
    post: number | null;
    /** The step whose pacman run created it. */
    step: ExecutorStep;
}
export interface PacmanFailureInit {
    step: ExecutorStep;
    /** The command line that failed (sudo included), for logs. */
    command: string[];
    /** pacman's exit status, or null when it could not be started or was killed. */
    status: number | null;
    /** pacman's own problem lines (error lines and the explanations it printed), trimmed. */
    lines: string[];
    /** Steps completed before this one (nothing changed when none of them changes packages). */
    completed?: ExecutorStep[];
    snapshots?: SnapperSnapshot[];
}
/**
 * pacman failed. `message` is one line: pacman's first error line, then the explanations it gave
 * (`unable to satisfy dependency 'zzz>=2' required by app`, `foo: /usr/bin/foo exists in
 * filesystem`, …) joined by `; `. No stack, no command line (it may hold paths only).
 */
export declare class PacmanFailure extends CliError {
    readonly step: ExecutorStep;
    readonly command: string[];
    readonly status: number | null;
    readonly lines: string[];
    readonly completed: ExecutorStep[];
    readonly snapshots: SnapperSnapshot[];
    constructor(init: PacmanFailureInit);
    /** A copy telling which steps completed before (the executor knows, the runner does not). */
    withContext(completed: ExecutorStep[], snapshots: SnapperSnapshot[]): PacmanFailure;
    private static summary;
}
/** A version the plan needs, and the places that were tried. */
export interface UnavailableVersion {
    name: string;
    version: string;
    tried: string[];
}
/** Versions the plan needs that this machine cannot get. Thrown before anything changes. */
export declare class VersionUnavailableError extends CliError {
    readonly missing: UnavailableVersion[];
    constructor(missing: UnavailableVersion[]);
}
/** The agent was stopped between two pacman steps: `completed` ran in full, `skipped` never started. */
export declare class StepsStopped extends CliError {
    readonly completed: ExecutorStep[];
    readonly skipped: ExecutorStep[];
    readonly snapshots: SnapperSnapshot[];
    constructor(completed: ExecutorStep[], skipped: ExecutorStep[], snapshots?: SnapperSnapshot[]);
}
