export declare const EXIT: {
    readonly OK: 0;
    readonly ERROR: 1;
    readonly CONFIG: 2;
    readonly NETWORK: 3;
    readonly CONFLICT: 4;
    readonly AUTH: 5;
    readonly PACMAN: 6;
};
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
/** An error with the exit code the CLI should end with. `message` is shown as is (one line). */
export declare class CliError extends Error {
    readonly exitCode: ExitCode;
    constructor(message: string, exitCode?: ExitCode);
}
/** Invalid or unreadable agent configuration (exit 2). `file` and `key` name the culprit when known. */
export declare class ConfigError extends CliError {
    readonly file?: string | undefined;
    readonly key?: string | undefined;
    constructor(message: string, file?: string | undefined, key?: string | undefined);
}
/** The exit code for any thrown value. */
export declare function exitCodeFor(err: unknown): ExitCode;
/** The one line shown for any thrown value (first line of its message, no stack). */
export declare function messageFor(err: unknown): string;
/**
 * Prints `error: <message>` (pacman's style) to stderr and sets the exit code. Output already
 * written to stdout is left to flush; the process is not killed.
 */
export declare function reportError(err: unknown): void;
/** Wraps a command action so any error becomes one line and an exit code. */
export declare function action<A extends unknown[]>(fn: (...args: A) => Promise<void> | void): (...args: A) => Promise<void>;
/**
 * A reader that stops early (`pacsync repo-list | head`) closes the pipe: end quietly, as pacman
 * does (it dies of SIGPIPE), instead of Node's unhandled EPIPE stack trace. Call before writing.
 */
export declare function quietOnBrokenPipe(): void;
