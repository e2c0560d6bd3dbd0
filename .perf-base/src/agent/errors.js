// Errors the agent CLI turns into one line on stderr and an exit code (SPEC §6): 0 ok, 1 error,
// 2 configuration, 3 network, 4 sync conflict, 5 authentication/permission, 6 pacman failure.
// Commands throw these (or core's DomainError/PacmanFormatError); `runCli` prints and exits.
// Never a stack trace to the user.
export const EXIT = {
    OK: 0,
    ERROR: 1,
    CONFIG: 2,
    NETWORK: 3,
    CONFLICT: 4,
    AUTH: 5,
    PACMAN: 6,
};
/** An error with the exit code the CLI should end with. `message` is shown as is (one line). */
export class CliError extends Error {
    exitCode;
    constructor(message, exitCode = EXIT.ERROR) {
        super(message);
        this.exitCode = exitCode;
        this.name = 'CliError';
    }
}
/** Invalid or unreadable agent configuration (exit 2). `file` and `key` name the culprit when known. */
export class ConfigError extends CliError {
    file;
    key;
    constructor(message, file, key) {
        super(message, EXIT.CONFIG);
        this.file = file;
        this.key = key;
        this.name = 'ConfigError';
    }
}
/** The exit code for any thrown value. */
export function exitCodeFor(err) {
    if (err instanceof CliError)
        return err.exitCode;
    return EXIT.ERROR;
}
/** The one line shown for any thrown value (first line of its message, no stack). */
export function messageFor(err) {
    const msg = err instanceof Error ? err.message : String(err);
    return (msg.split('\n')[0] ?? '').trim() || 'unknown error';
}
/**
 * Prints `error: <message>` (pacman's style) to stderr and sets the exit code. Output already
 * written to stdout is left to flush; the process is not killed.
 */
export function reportError(err) {
    process.stderr.write(`error: ${messageFor(err)}\n`);
    process.exitCode = exitCodeFor(err);
}
/** Wraps a command action so any error becomes one line and an exit code. */
export function action(fn) {
    return async (...args) => {
        try {
            await fn(...args);
        }
        catch (err) {
            reportError(err);
        }
    };
}
/**
 * A reader that stops early (`pacsync repo-list | head`) closes the pipe: end quietly, as pacman
 * does (it dies of SIGPIPE), instead of Node's unhandled EPIPE stack trace. Call before writing.
 */
export function quietOnBrokenPipe() {
    if (process.stdout.listenerCount('error') > 0)
        return;
    process.stdout.on('error', (err) => {
        if (err.code === 'EPIPE')
            process.exit(process.exitCode ?? 0);
        reportError(err);
    });
}
//# sourceMappingURL=errors.js.map